using Hydra.Core.Detectors;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>
/// Fills histograms from a chunk's expected hits. Bins get Poisson counts of their expected
/// content, which is what a histogram of N independent events holds; drawing bins rather than
/// single hits keeps a 40,000-bin plot at a millisecond.
/// </summary>
internal static class Fills
{
    /// <summary>Hit counts of each channel at the (x, y) the plot puts it.</summary>
    public static void Occupancy(H2F histogram, ChunkContext chunk, Random random, string detector,
        IEnumerable<ReadoutChannel> channels, Func<ReadoutChannel, (double X, double Y)> position, double scale = 1)
    {
        foreach (var channel in channels)
        {
            var hits = Poisson.Sample(random, chunk.Expected(detector, channel) * scale);
            if (hits == 0) continue;
            var (x, y) = position(channel);
            histogram.Fill(x, y, hits);
        }
    }

    public static void Occupancy(H1F histogram, ChunkContext chunk, Random random, string detector,
        IEnumerable<ReadoutChannel> channels, Func<ReadoutChannel, double> position, double scale = 1)
    {
        foreach (var channel in channels)
        {
            var hits = Poisson.Sample(random, chunk.Expected(detector, channel) * scale);
            if (hits > 0) histogram.Fill(position(channel), hits);
        }
    }

    /// <summary>A value spectrum (x) per channel row (y): each channel's hits spread over x by its shape.</summary>
    public static void Spectrum(H2F histogram, ChunkContext chunk, Random random, string detector,
        IEnumerable<ReadoutChannel> channels, Func<ReadoutChannel, double> row, Func<ReadoutChannel, Shape> shape)
    {
        foreach (var channel in channels)
        {
            var yBin = histogram.Y.Find(row(channel));
            if (yBin < 0) continue;
            // A dead channel still takes its row's draws (all zeros), so the rows after it hold
            // the same counts as in the fault-free twin.
            var total = chunk.Expected(detector, channel);
            var s = shape(channel);
            for (var xBin = 0; xBin < histogram.X.Bins; xBin++)
            {
                var hits = Poisson.Sample(random, total * s.Density(histogram.X.Center(xBin)) * histogram.X.BinWidth);
                if (hits > 0) histogram[xBin, yBin] += hits;
            }
        }
    }

    /// <summary>A 1-D spectrum holding <paramref name="total"/> expected entries distributed by a shape.</summary>
    public static void Spectrum(H1F histogram, Random random, double total, Shape shape)
    {
        for (var bin = 0; bin < histogram.X.Bins; bin++)
        {
            histogram.Content[bin] += Poisson.Sample(random, total * shape.Density(histogram.X.Center(bin)) * histogram.X.BinWidth);
        }
    }

    public static double Sum(ChunkContext chunk, string detector, IEnumerable<ReadoutChannel> channels) =>
        channels.Sum(c => chunk.Expected(detector, c));
}
