using System.Globalization;
using Hydra.Iolaus.Datasets;

namespace Hydra.Bench.Models;

/// <summary>
/// Bad recall by how far the fault stands above the chunk's own statistics
/// (<see cref="DatasetEntry.Significance"/>, ADR-025). A model that misses faults of 5-7 standard
/// deviations is near what one image can show, because it does not know where the fault is. An
/// estimate: an ideal detector that knew every fault's exact shape but had ~1,000 places to look
/// (slots, channels, boards) needs a 4.4 σ threshold to keep false alarms under 0.5 % per image, so
/// it catches a 5 σ fault about 3 times in 4 and a 7 σ fault 99 times in 100. Misses at 30 σ and more
/// are the network's own failures and the ones to study.
/// </summary>
public sealed class SignificanceTally
{
    /// <summary>Lower edges of the bands, in standard deviations; ADR-025 labels nothing below 5 Bad.</summary>
    private static readonly double[] Edges = [0, 5, 7, 10, 15, 30, 100];

    private readonly QualityTally[] _bands = Enumerable.Range(0, Edges.Length + 1).Select(_ => new QualityTally()).ToArray();

    /// <param name="verdict">The model's top class.</param>
    /// <param name="confirmed">It was at or above the card's threshold (for Bad: an alarm).</param>
    public void Add(DatasetEntry bad, string verdict, bool confirmed) => _bands[Band(bad.Significance)].Add("Bad", verdict, confirmed);

    /// <summary>Band index: 0 for images written before ADR-025 (no significance), then one per edge.</summary>
    private static int Band(double? significance) =>
        significance is not { } sigma ? 0 : 1 + Array.FindLastIndex(Edges, edge => sigma >= edge);

    public IEnumerable<string> Rows()
    {
        yield return "significance (ADR-025)     Bad images  Bad recall (confirmed)";
        for (var band = 0; band < _bands.Length; band++)
        {
            var tally = _bands[band];
            if (tally.Bad == 0) continue;
            yield return $"{Name(band),-26} {tally.Bad,10}  {QualityTally.Share(tally.BadCalledBad, tally.Bad),10} {QualityTally.Share(tally.BadConfirmedBad, tally.Bad)}";
        }
    }

    private static string Name(int band)
    {
        if (band == 0) return "not recorded (before ADR-025)";
        var low = Edges[band - 1].ToString(CultureInfo.InvariantCulture);
        return band == Edges.Length ? $">= {low} sigma" : $"{low}-{Edges[band].ToString(CultureInfo.InvariantCulture)} sigma";
    }
}
