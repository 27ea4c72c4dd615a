using System.Globalization;
using Hydra.Iolaus.Datasets;

namespace Hydra.Bench.Models;

/// <summary>
/// The same counts as <see cref="QualityTally"/> split by run conditions: beam current and target.
/// An island the models find hard shows here: before ADR-020 the dataset also made 5 and 10 nA
/// islands, which mon12 never saves, and they were the models' worst.
/// </summary>
public sealed class ConditionTally
{
    /// <summary>Rows sort by this first: beam currents by their value, then the targets by name.</summary>
    private const int TargetsAfterBeams = int.MaxValue;

    private readonly SortedDictionary<(int Order, string Name), QualityTally> _tallies = new();

    public void Add(DatasetEntry entry, string label, string verdict, bool confirmed)
    {
        Tally(((int)entry.BeamCurrentNanoAmps, $"beam {entry.BeamCurrentNanoAmps.ToString("0", CultureInfo.InvariantCulture)} nA")).Add(label, verdict, confirmed);
        Tally((TargetsAfterBeams, $"target {entry.Target ?? "not recorded"}")).Add(label, verdict, confirmed);
    }

    public IEnumerable<string> Rows() => _tallies.Select(t => t.Value.Row(t.Key.Name));

    private QualityTally Tally((int, string) key)
    {
        if (!_tallies.TryGetValue(key, out var tally)) _tallies[key] = tally = new QualityTally();
        return tally;
    }
}
