using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;

namespace Hydra.Iolaus.Datasets;

/// <summary>
/// How many standard deviations of a chunk's own statistics a fault moves a plot's histograms
/// (ADR-025). The pixel rules (<see cref="DatasetWriter"/>, ADR-022) compare one faulty image with
/// its healthy twin, which shares its random numbers: a change that is only a different throw of
/// the same dice still moves pixels. A DC superlayer's TDC spectrum sums 672 wires weighted by layer;
/// a slot of 96 wires taken out moves 0.2-0.9 % of its thumbnail's pixels, while a second healthy
/// chunk moves 4-8 %. No shifter and no model can see that in one image.
/// <para>
/// So each bin's change is weighed against its own fluctuation, as a physicist compares two shapes:
/// Δχ² = Σ (mean difference)² / variance over every bin of every pad, estimated from further Poisson
/// draws of the faulty chunk and of its healthy look-alike (draw k of both share their random
/// numbers, so their difference is the fault's plus what the fault did to the throws). An
/// autoscaled pad is compared with the look-alike scaled to the faulty pad's hits (ADR-022), a pad
/// with a fixed scale as it is. The significance is √Δχ²: the number of standard deviations by
/// which one image tells the fault's shape from the healthy one.
/// </para>
/// </summary>
public static class Significance
{
    /// <summary>
    /// The significance, in standard deviations, of <paramref name="faulty"/>'s change against
    /// <paramref name="healthy"/> (draw 0 of both, which set each autoscaled pad's rate factor),
    /// estimated from <paramref name="faultyDraws"/> and <paramref name="healthyDraws"/>: the same
    /// number (at least two) of further draws, draw k of one paired with draw k of the other.
    /// </summary>
    public static double Of(PlotCanvas healthy, PlotCanvas faulty, IReadOnlyList<PlotCanvas> healthyDraws, IReadOnlyList<PlotCanvas> faultyDraws)
    {
        if (healthyDraws.Count != faultyDraws.Count || healthyDraws.Count < 2)
            throw new ArgumentException($"needs the same number (at least 2) of healthy and faulty draws, not {healthyDraws.Count} and {faultyDraws.Count}");
        double chiSquare = 0;
        for (var pad = 0; pad < healthy.Pads.Count; pad++)
        {
            if (healthy.Pads[pad] is not { } before || faulty.Pads[pad] is not { } after) continue;
            var factor = ShapeChange.RateFactor(before, after);
            chiSquare += ChiSquare(healthyDraws.Select(c => c.Pads[pad]?.Histogram).ToList(), faultyDraws.Select(c => c.Pads[pad]?.Histogram).ToList(), factor);
            if (before.Overlay is not null && after.Overlay is not null)
                chiSquare += ChiSquare(healthyDraws.Select(c => c.Pads[pad]?.Overlay).ToList(), faultyDraws.Select(c => c.Pads[pad]?.Overlay).ToList(), factor);
        }
        return Math.Sqrt(Math.Max(0, chiSquare));
    }

    /// <summary>
    /// Σ over bins of (mean difference² − its sampling variance) / the bin's variance, each from
    /// the draws. Subtracting the mean difference's own sampling variance leaves an unbiased
    /// estimate: a fault that changes nothing scores about zero however many bins the plot has.
    /// </summary>
    private static double ChiSquare(IReadOnlyList<Histogram?> healthy, IReadOnlyList<Histogram?> faulty, double factor)
    {
        if (healthy.Any(h => h is null) || faulty.Any(h => h is null)) return 0;
        var draws = healthy.Count;
        var bins = healthy[0]!.Content.Length;
        double sum = 0;
        for (var bin = 0; bin < bins; bin++)
        {
            double difference = 0, differenceSquares = 0, faultySum = 0, faultySquares = 0, healthySum = 0, healthySquares = 0;
            for (var k = 0; k < draws; k++)
            {
                var (h, f) = (factor * healthy[k]!.Content[bin], faulty[k]!.Content[bin]);
                difference += f - h;
                differenceSquares += (f - h) * (f - h);
                faultySum += f;
                faultySquares += f * f;
                healthySum += h;
                healthySquares += h * h;
            }
            var meanDifference = difference / draws;
            var differenceVariance = Variance(difference, differenceSquares, draws);
            var binVariance = (Variance(faultySum, faultySquares, draws) + Variance(healthySum, healthySquares, draws)) / 2;
            if (binVariance <= 0) continue; // a bin no draw changes: constant (empty) in both
            sum += (meanDifference * meanDifference - differenceVariance / draws) / binVariance;
        }
        return sum;
    }

    private static double Variance(double sum, double squares, int count) => Math.Max(0, (squares - sum * sum / count) / (count - 1));
}
