using System.Globalization;
using Hydra.Iolaus.Datasets;

namespace Hydra.Bench.Models;

/// <summary>
/// The same counts as <see cref="QualityTally"/> split by run conditions: beam current and target.
/// An island the models find hard shows here, and so does one the held-out set has but the
/// experiment never records (mon12 saves only at 20 nA and above; the dataset also makes 5 and 10 nA).
/// </summary>
public sealed class ConditionTally
{
    private readonly SortedDictionary<(int Order, string Name), QualityTally> _tallies = new();

    public void Add(DatasetEntry entry, string label, string verdict, bool confirmed)
    {
        Tally(((int)entry.BeamCurrentNanoAmps, $"beam {entry.BeamCurrentNanoAmps.ToString("0", CultureInfo.InvariantCulture)} nA")).Add(label, verdict, confirmed);
        Tally((10_000, $"target {Target(entry.Island)}")).Add(label, verdict, confirmed);
    }

    public IEnumerable<string> Rows() => _tallies.Select(t => t.Value.Row(t.Key.Name));

    private QualityTally Tally((int, string) key)
    {
        if (!_tallies.TryGetValue(key, out var tally)) _tallies[key] = tally = new QualityTally();
        return tally;
    }

    /// <summary>An island reads "LH2 50 nA torus inbending solenoid +": its first word is the target.</summary>
    private static string Target(string island) => island.Split(' ')[0];
}
