using System.Globalization;

namespace Hydra.Core.Monitoring;

/// <summary>
/// A plot type's images laid out by similarity: a 2-D t-SNE map of their embeddings, each point
/// with its k-means cluster, so a page can show whether images group by run conditions
/// ("islands"), by verdict, or by label.
/// </summary>
/// <param name="Encoder">Which embedding the map was drawn from (ADR-010), e.g. <c>resnet18</c>.</param>
/// <param name="K">Clusters used: the k asked for, or fewer when there are fewer images.</param>
public sealed record ClusterMap(string PlotName, string Encoder, int K, IReadOnlyList<ClusterPoint> Points, DateTimeOffset ComputedAt);

/// <summary>One image on the map: where it lies, its cluster, and what is known about it.</summary>
/// <param name="Label">The expert's current label, if any.</param>
/// <param name="Verdict">Hydra's verdict (a class, NoModel...), if judged yet.</param>
public sealed record ClusterPoint(
    long ImageId,
    float X,
    float Y,
    int Cluster,
    int RunNumber,
    int Chunk,
    RunConditionsView Conditions,
    string? Label,
    string? Verdict,
    DateTimeOffset RecordedAt);

/// <summary>The run conditions as the run table holds them: what makes an "island".</summary>
public sealed record RunConditionsView(double? BeamCurrentNanoAmps, string? Target, double? TorusScale, double? SolenoidScale, string? RunPeriod)
{
    /// <summary>A short name of the island, e.g. "LH2 50 nA torus -1 sol -1"; "unknown" when the run table says nothing.</summary>
    public string Island => BeamCurrentNanoAmps is null && Target is null && TorusScale is null && SolenoidScale is null
        ? "unknown"
        : string.Join(' ', new[]
        {
            Target ?? "target ?",
            BeamCurrentNanoAmps is { } beam ? beam.ToString("0.#", CultureInfo.InvariantCulture) + " nA" : "? nA",
            "torus " + (TorusScale?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?"),
            "sol " + (SolenoidScale?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?"),
        });
}
