using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using Hydra.Models.Training;

namespace Hydra.Models.Tests;

/// <summary>A network Hydra exported reads back with every weight, so a new version can be fine-tuned from its parent.</summary>
public class OnnxImportTests
{
    [Theory]
    [InlineData(1, true, false, CamPooling.Mean)]
    [InlineData(3, false, false, CamPooling.Mean)]
    [InlineData(3, true, true, CamPooling.Mean)]
    [InlineData(3, true, true, CamPooling.MeanAndMax)]
    public void An_exported_network_reads_back_exactly(int channels, bool maxPool, bool withReference, CamPooling pooling)
    {
        var plain = TestModels.Network(channels, maxPool, pooling: pooling);
        var network = withReference ? plain.WithInputReference(TestModels.Batch(seed: 5, 1, plain.Input)) : plain;

        var read = CamNetworkImport.TryRead(CamNetworkOnnx.Export(network), out var reason);

        Assert.Null(reason);
        Assert.NotNull(read);
        Assert.Equal((network.Input, network.CamHeight, network.CamWidth), (read.Input, read.CamHeight, read.CamWidth));
        Assert.Equal(network.Labels, read.Labels);
        Assert.Equal(network.Blocks.Select(b => (b.InChannels, b.OutChannels, b.KernelSize, b.Stride, b.Padding, b.MaxPool)),
            read.Blocks.Select(b => (b.InChannels, b.OutChannels, b.KernelSize, b.Stride, b.Padding, b.MaxPool)));
        Assert.Equal(network.Blocks.SelectMany(b => b.Weights.Concat(b.Bias)), read.Blocks.SelectMany(b => b.Weights.Concat(b.Bias)));
        Assert.Equal(network.Head.Weights.Concat(network.Head.ClassBias), read.Head.Weights.Concat(read.Head.ClassBias));
        Assert.Equal(network.InputReference, read.InputReference);
        Assert.Equal(pooling, read.Head.Pooling);
        var batch = TestModels.Batch(seed: 9, 2, network.Input);
        Assert.Equal(network.Forward(batch, 2).Output.Probabilities, read.Forward(batch, 2).Output.Probabilities);
    }

    [Fact]
    public void A_model_hydra_did_not_train_or_garbage_is_refused_with_a_reason()
    {
        var foreign = TestModels.Edited(TestModels.Network(), model => model.ProducerName = "pytorch");
        Assert.Null(CamNetworkImport.TryRead(foreign, out var reason));
        Assert.Contains("pytorch", reason);
        Assert.Null(CamNetworkImport.TryRead([1, 2, 3, 4, 5], out reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void Fine_tuning_needs_the_same_input_and_exactly_the_labelled_classes()
    {
        var parent = TestModels.Network(); // Good, Bad, NoData at 1 x 24 x 20
        Assert.True(PlotModelBuilder.CanFineTune(parent, ["Bad", "NoData", "Good", "Good"], parent.Input));
        Assert.False(PlotModelBuilder.CanFineTune(parent, ["Good", "Bad"], parent.Input));
        Assert.False(PlotModelBuilder.CanFineTune(parent, ["Good", "Bad", "NoData", "HotChannel"], parent.Input));
        Assert.False(PlotModelBuilder.CanFineTune(parent, ["Good", "Bad", "NoData"], new ImageShape(3, 24, 20)));
    }
}
