using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Tests;

public sealed class PoissonTests
{
    [Theory]
    [InlineData(5, 25)]   // noisier
    [InlineData(5, 0)]    // knocked out
    [InlineData(50, 0)]   // a busy channel knocked out
    [InlineData(5, 200)]  // hot: across the large-mean switch
    public void Changing_one_bins_mean_leaves_the_other_bins_counts_unchanged(double before, double after)
    {
        // What makes a fault-free twin of a chunk exact: every sample takes the same draws.
        int[] Counts(double[] means) { var random = new Random(11); return [.. means.Select(m => Poisson.Sample(random, m))]; }
        var clean = Counts([3, before, 0.2, 7, 50, 1, 12, 0.5]);
        var faulty = Counts([3, after, 0.2, 7, 50, 1, 12, 0.5]);
        Assert.Equal(clean.Where((_, i) => i != 1), faulty.Where((_, i) => i != 1));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(4)]
    [InlineData(25)]
    public void Samples_have_the_mean_and_variance_of_a_Poisson_distribution(double mean)
    {
        var random = new Random(3);
        var samples = Enumerable.Range(0, 40_000).Select(_ => (double)Poisson.Sample(random, mean)).ToList();
        var average = samples.Average();
        Assert.InRange(average, mean * 0.97 - 0.01, mean * 1.03 + 0.01);
        Assert.InRange(samples.Average(s => (s - average) * (s - average)), mean * 0.93, mean * 1.07);
    }
}
