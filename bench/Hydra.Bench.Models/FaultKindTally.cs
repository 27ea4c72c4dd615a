using Hydra.Iolaus.Datasets;

namespace Hydra.Bench.Models;

/// <summary>
/// Which Bad images the models miss: counted per fault kind, with how visible the fault was at
/// the model's input (the dataset's share of changed pixels, <see cref="DatasetEntry.VisibleChange"/>)
/// and how many hits it moved (<see cref="DatasetEntry.HitsChanged"/>).
/// Misses among barely visible faults call for a finer input; misses among plain ones, for a
/// better network or more data; the plot types that miss a kind most say where to look first.
/// </summary>
public sealed class FaultKindTally
{
    private sealed record Kind(List<DatasetEntry> Caught, List<DatasetEntry> Missed, Dictionary<string, int> MissedAs, Dictionary<string, int> MissedIn);

    private readonly SortedDictionary<string, Kind> _kinds = new(StringComparer.Ordinal);

    /// <param name="verdict">What the model said, with " (unconfirmed)" when below its threshold.</param>
    public void Add(DatasetEntry bad, bool caught, string verdict)
    {
        var kind = bad.Faults.Count switch { 0 => "(none recorded)", 1 => bad.Faults[0].Kind, _ => string.Join('+', bad.Faults.Select(f => f.Kind).Distinct()) };
        if (!_kinds.TryGetValue(kind, out var tally)) _kinds[kind] = tally = new([], [], [], []);
        (caught ? tally.Caught : tally.Missed).Add(bad);
        if (caught) return;
        tally.MissedAs[verdict] = tally.MissedAs.GetValueOrDefault(verdict) + 1;
        tally.MissedIn[bad.Plot] = tally.MissedIn.GetValueOrDefault(bad.Plot) + 1;
    }

    public IEnumerable<string> Rows()
    {
        yield return "fault kind                 Bad images  caught (confirmed)  median visible change: caught / missed   median hits moved: caught / missed   missed as   (most missed in)";
        foreach (var (kind, (caught, missed, missedAs, missedIn)) in _kinds)
        {
            var total = caught.Count + missed.Count;
            var how = string.Join(", ", missedAs.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}"));
            var where = string.Join(", ", missedIn.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Take(3).Select(m => $"{m.Key} {m.Value}"));
            yield return $"{kind,-26} {total,10}  {QualityTally.Share(caught.Count, total),18}  {Percent(caught, e => e.VisibleChange),12} / {Percent(missed, e => e.VisibleChange),-8}"
                + $"  {Hits(caught),26} / {Hits(missed),-6}  {how}" + (where.Length == 0 ? "" : $"   ({where})");
        }
    }

    private static string Percent(List<DatasetEntry> entries, Func<DatasetEntry, double?> value) =>
        Median(entries, value) is { } median ? $"{100 * median:0.00}%" : "-";

    private static string Hits(List<DatasetEntry> entries) => Median(entries, e => e.HitsChanged) is { } median ? $"{median:0}" : "-";

    private static double? Median(List<DatasetEntry> entries, Func<DatasetEntry, double?> value)
    {
        var known = entries.Select(value).OfType<double>().Order().ToList();
        return known.Count == 0 ? null : known[known.Count / 2];
    }
}
