using Hydra.Models.Networks;

namespace Hydra.Models.Tests;

public class CamNetworkTests
{
    [Fact]
    public void TheSameSeedGivesTheSameNetwork()
    {
        var a = TestModels.Network(seed: 42);
        var b = TestModels.Network(seed: 42);
        var c = TestModels.Network(seed: 43);

        Assert.Equal(a.Blocks[0].Weights, b.Blocks[0].Weights);
        Assert.Equal(a.Head.Weights, b.Head.Weights);
        Assert.NotEqual(a.Blocks[0].Weights, c.Blocks[0].Weights);
    }

    [Fact]
    public void HeInitialisationScalesWeightsByFanIn()
    {
        var network = CamNetwork.CreateRandom(1, new ImageShape(3, 32, 32), TestModels.Labels, [64]);

        var weights = network.Blocks[0].Weights;
        var variance = weights.Select(w => (double)w * w).Average();

        Assert.Equal(2.0 / (3 * 3 * 3), variance, 0.2 * 2.0 / 27);
    }

    [Fact]
    public void EachPoolHalvesTheCam()
    {
        var pooled = CamNetwork.CreateRandom(1, new ImageShape(1, 64, 48), TestModels.Labels, [4, 4, 4]);
        var flat = CamNetwork.CreateRandom(1, new ImageShape(1, 64, 48), TestModels.Labels, [4], maxPool: false);

        Assert.Equal((8, 6), (pooled.CamHeight, pooled.CamWidth));
        Assert.Equal((64, 48), (flat.CamHeight, flat.CamWidth));
    }

    [Fact]
    public void ProbabilitiesOfEachImageSumToOne()
    {
        var network = TestModels.Network();
        var output = network.Forward(TestModels.Batch(3, 2, network.Input), 2).Output;

        Assert.Equal(1f, output.ProbabilitiesOf(0).Sum(), 1e-5f);
        Assert.Equal(1f, output.ProbabilitiesOf(1).Sum(), 1e-5f);
    }

    [Fact]
    public void BlocksThatDoNotChainAreRefused()
    {
        var input = new ImageShape(1, 8, 8);
        var block = new ConvBlock(3, 4, 3, new float[4 * 3 * 9], new float[4]);
        var head = new CamHead(4, 3, new float[12], new float[3]);

        var error = Assert.Throws<ArgumentException>(() => new CamNetwork(input, [block], head, TestModels.Labels));

        Assert.Contains("Block 0 takes 3 channels but receives 1", error.Message);
    }

    [Fact]
    public void ALabelWithACommaIsRefused()
    {
        // The labels travel comma-joined in the model's metadata.
        var error = Assert.Throws<ArgumentException>(() =>
            CamNetwork.CreateRandom(1, new ImageShape(1, 8, 8), ["Good", "Bad, really", "NoData"]));

        Assert.Contains("'Bad, really' is not a label", error.Message);
    }
}
