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

    private readonly int[] _images = new int[Edges.Length + 1], _called = new int[Edges.Length + 1], _confirmed = new int[Edges.Length + 1];

    /// <param name="calledBad">The model's top class was Bad.</param>
    /// <param name="confirmed">And it was at or above the card's threshold: an alarm.</param>
    public void Add(DatasetEntry bad, bool calledBad, bool confirmed)
    {
        var band = Band(bad.Significance);
        _images[band]++;
        if (calledBad) _called[band]++;
        if (calledBad && confirmed) _confirmed[band]++;
    }

    /// <summary>Band index: 0 for images written before ADR-025 (no significance), then one per edge.</summary>
    private static int Band(double? significance) =>
        significance is not { } sigma ? 0 : 1 + Array.FindLastIndex(Edges, edge => sigma >= edge);

    public IEnumerable<string> Rows()
    {
        yield return "significance (ADR-025)     Bad images  Bad recall (confirmed)";
        for (var band = 0; band < _images.Length; band++)
        {
            if (_images[band] == 0) continue;
            yield return $"{Name(band),-26} {_images[band],10}  {QualityTally.Share(_called[band], _images[band]),10} {QualityTally.Share(_confirmed[band], _images[band])}";
        }
    }

    private static string Name(int band)
    {
        if (band == 0) return "not recorded (before ADR-025)";
        var low = Edges[band - 1].ToString(CultureInfo.InvariantCulture);
        return band == Edges.Length ? $">= {low} sigma" : $"{low}-{Edges[band].ToString(CultureInfo.InvariantCulture)} sigma";
    }
}
