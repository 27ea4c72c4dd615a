using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>What colours the points of a cluster map.</summary>
public enum ClusterColourBy
{
    Cluster,
    Label,
    Verdict,
    /// <summary>The run conditions' island (target, beam current, torus, solenoid).</summary>
    Conditions,
}

/// <summary>One colour of the map's legend and how many points wear it.</summary>
public sealed record LegendEntry(string Key, string Colour, int Count);

/// <summary>
/// Colours a cluster map: each point gets a key (its cluster, label, verdict or island) and each
/// key a colour, the same for the same key every time. Verdict classes keep the colours the rest of
/// Hydra gives them (Good green, Bad red); other keys take the colour-blind-safe Okabe–Ito palette
/// in key order.
/// </summary>
public static class ClusterColouring
{
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#7F7F7F", "#882255"];

    private static readonly Dictionary<string, string> ClassColours = new(StringComparer.Ordinal)
    {
        ["Good"] = "#009E73",
        ["Bad"] = "#D55E00",
        ["NoData"] = "#7F7F7F",
        ["NoModel"] = "#BBBBBB",
        ["unlabelled"] = "#BBBBBB",
        ["not judged"] = "#BBBBBB",
    };

    public static string Key(ClusterPoint point, ClusterColourBy by) => by switch
    {
        ClusterColourBy.Cluster => $"cluster {point.Cluster + 1}",
        ClusterColourBy.Label => point.Label ?? "unlabelled",
        ClusterColourBy.Verdict => point.Verdict ?? "not judged",
        ClusterColourBy.Conditions => point.Conditions.Island,
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    /// <summary>Every key of these points with its colour and count, in key order (clusters numerically).</summary>
    public static IReadOnlyList<LegendEntry> Legend(IReadOnlyList<ClusterPoint> points, ClusterColourBy by)
    {
        var keys = points.GroupBy(p => Key(p, by))
            .OrderBy(g => by == ClusterColourBy.Cluster ? g.First().Cluster : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var palette = 0;
        return keys.Select(g => new LegendEntry(g.Key,
            by is ClusterColourBy.Label or ClusterColourBy.Verdict && ClassColours.TryGetValue(g.Key, out var fixedColour) ? fixedColour : Palette[palette++ % Palette.Length],
            g.Count())).ToList();
    }
}
