using Hydra.Models.Training;

namespace Hydra.Models.Tests;

public class ClassResamplerTests
{
    private const int Good = 0, Bad = 1, NoData = 2;

    private static readonly int[] Sorted = [.. Enumerable.Repeat(Good, 50), .. Enumerable.Repeat(Bad, 12), .. Enumerable.Repeat(NoData, 7)];

    /// <summary>50 Good, 12 Bad, 7 NoData, interleaved (7919 is prime, so i x 7919 mod 69 visits every position once).</summary>
    private static readonly int[] Classes = Enumerable.Range(0, 69).Select(i => Sorted[i * 7919 % 69]).ToArray();

    [Fact]
    public void EveryEpochDrawsEachClassAsOftenAsThereAreBadImages()
    {
        var sampler = new ClassResampler(Classes, classCount: 3, badClass: Bad, seed: 1);

        Assert.Equal((ClassSampling.ToBadCount, 12, 36), (sampler.Sampling, sampler.SamplesPerClass, sampler.EpochSize));
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            var drawn = sampler.Epoch(epoch);
            Assert.Equal([12, 12, 12], Count(drawn.Select(i => Classes[i])));
            // Bad is drawn exactly once each; the rarer NoData repeats all its images before any twice.
            Assert.Equal(Positions(Bad), drawn.Where(i => Classes[i] == Bad).Order());
            Assert.Equal(Positions(NoData), drawn.Where(i => Classes[i] == NoData).Distinct().Order());
            // The commoner Good gives a subset, without repeats.
            Assert.Equal(12, drawn.Where(i => Classes[i] == Good).Distinct().Count());
        }
    }

    [Fact]
    public void EpochsDrawDifferentSubsetsInDifferentOrdersButRepeatForASeed()
    {
        var sampler = new ClassResampler(Classes, 3, Bad, seed: 1);

        Assert.NotEqual(sampler.Epoch(1), sampler.Epoch(2));
        Assert.NotEqual(sampler.Epoch(1).Where(i => Classes[i] == Good).Order(), sampler.Epoch(2).Where(i => Classes[i] == Good).Order());
        Assert.Equal(sampler.Epoch(2), new ClassResampler(Classes, 3, Bad, seed: 1).Epoch(2));
        Assert.NotEqual(sampler.Epoch(2), new ClassResampler(Classes, 3, Bad, seed: 2).Epoch(2));
    }

    [Fact]
    public void WithoutBadImagesEachClassIsDrawnToTheSmallestClass()
    {
        var noBad = Classes.Where(c => c != Bad).ToArray();

        var sampler = new ClassResampler(noBad, 3, Bad, seed: 1);

        Assert.Equal((ClassSampling.ToSmallestClass, 7), (sampler.Sampling, sampler.SamplesPerClass));
        Assert.Equal([7, 0, 7], Count(sampler.Epoch(1).Select(i => noBad[i])));
    }

    private static int[] Positions(int cls) => Enumerable.Range(0, Classes.Length).Where(i => Classes[i] == cls).ToArray();

    private static int[] Count(IEnumerable<int> classes) =>
        Enumerable.Range(0, 3).Select(k => classes.Count(c => c == k)).ToArray();
}
