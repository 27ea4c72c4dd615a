using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using Onnx;

namespace Hydra.Models.Tests;

public class OnnxExportTests
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(3, 1, true)]
    [InlineData(1, 3, true)]
    [InlineData(3, 3, true)]
    [InlineData(1, 1, false)]
    [InlineData(3, 1, false)]
    [InlineData(1, 3, false)]
    [InlineData(3, 3, false)]
    [InlineData(3, ImageShape.RgbAndBlank, true)]
    public void OnnxRuntimeGivesTheReferenceProbabilitiesAndCams(int batchSize, int channels, bool maxPool)
    {
        var network = TestModels.Network(channels, maxPool);
        var batch = TestModels.Batch(seed: batchSize * 10 + channels, batchSize, network.Input);
        using var model = TestModels.Load(network);

        var expected = network.Forward(batch, batchSize).Output;
        var actual = model.Run(batch, batchSize);

        Assert.Equal((expected.CamHeight, expected.CamWidth), (actual.CamHeight, actual.CamWidth));
        Assert.Equal(maxPool ? (6, 5) : (24, 20), (actual.CamHeight, actual.CamWidth));
        Assert.InRange(TestModels.MaxDifference(expected.Probabilities, actual.Probabilities), 0, Tolerance);
        Assert.InRange(TestModels.MaxDifference(expected.Cams, actual.Cams), 0, Tolerance);
        // Random weights give cams of order one: the comparison is not between two sets of zeros.
        Assert.True(actual.Cams.Max(Math.Abs) > 0.1f);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void AMeanAndMaxHeadAddsEachClassMapsMaximumInTheGraphAsInTheReference(int batchSize)
    {
        var network = TestModels.Network(channels: 3, pooling: CamPooling.MeanAndMax);
        var batch = TestModels.Batch(seed: 43, batchSize, network.Input);
        var actual = ServedAsReference(network, batch, batchSize);
        for (var n = 0; n < batchSize; n++)
        {
            // Each logit is its served map's mean plus its maximum plus the class bias.
            var logits = Enumerable.Range(0, network.Classes)
                .Select(k => actual.CamOf(n, k).Values.Average() + actual.CamOf(n, k).Values.Max() + network.Head.ClassBias[k]).ToArray();
            var softmax = Softmax(logits);
            for (var k = 0; k < network.Classes; k++) Assert.Equal(softmax[k], actual.Probability(n, k), 1e-5);
        }
        // Not the mean head under another name: the same weights pooled by the mean alone answer otherwise.
        var meanOnly = new CamNetwork(network.Input, network.Blocks, network.Head with { Pooling = CamPooling.Mean }, network.Labels);
        Assert.True(TestModels.MaxDifference(meanOnly.Forward(batch, batchSize).Output.Probabilities, actual.Probabilities) > 0.01f);
        Assert.Contains("GlobalMaxPool", ModelProto.Parser.ParseFrom(CamNetworkOnnx.Export(network)).Graph.Node.Select(n => n.OpType));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void AnInputReferenceIsSubtractedInTheGraphAsInTheReference(int batchSize)
    {
        var plain = TestModels.Network(channels: 3);
        var network = plain.WithInputReference(TestModels.Batch(seed: 41, 1, plain.Input));
        var batch = TestModels.Batch(seed: 42, batchSize, network.Input);
        var actual = ServedAsReference(network, batch, batchSize);
        // The reference matters: without it the same weights give other outputs.
        Assert.True(TestModels.MaxDifference(plain.Forward(batch, batchSize).Output.Cams, actual.Cams) > 0.01f);
        var graph = ModelProto.Parser.ParseFrom(CamNetworkOnnx.Export(network)).Graph;
        Assert.Equal("Sub", graph.Node[0].OpType);
        Assert.Equal([1L, 3, 24, 20], graph.Initializer.Single(t => t.Name == "input.reference").Dims);
    }

    [Fact]
    public void AveragingTheCamAndAddingTheBiasGivesTheLinearHeadsLogits()
    {
        var network = TestModels.Network(channels: 3);
        const int batchSize = 3;
        var batch = TestModels.Batch(seed: 5, batchSize, network.Input);
        using var model = TestModels.Load(network);
        var pass = network.Forward(batch, batchSize);
        var served = model.Run(batch, batchSize);
        var (head, features) = (network.Head, pass.Features);

        for (var n = 0; n < batchSize; n++)
        {
            // The textbook classifier: average each feature map, then a linear layer.
            var linear = new double[head.Classes];
            for (var k = 0; k < head.Classes; k++)
            {
                linear[k] = head.ClassBias[k];
                for (var f = 0; f < head.Features; f++)
                    linear[k] += head.Weights[k * head.Features + f] * Mean(features, n, f);
            }

            // The CAM head's way: average the served class map, then the bias.
            var fromCam = Enumerable.Range(0, head.Classes)
                .Select(k => served.CamOf(n, k).Values.Average() + head.ClassBias[k]).ToArray();

            for (var k = 0; k < head.Classes; k++) Assert.Equal(linear[k], fromCam[k], Tolerance);
            var softmax = Softmax(fromCam);
            for (var k = 0; k < head.Classes; k++) Assert.Equal(softmax[k], served.Probability(n, k), 1e-5);
        }
    }

    [Fact]
    public void TheModelCarriesItsLabelsContractAndADynamicBatch()
    {
        var model = ModelProto.Parser.ParseFrom(CamNetworkOnnx.Export(TestModels.Network(channels: 3)));

        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("Good,Bad,NoData", metadata["hydra.labels"]);
        Assert.Equal("cam-v1", metadata["hydra.contract"]);
        Assert.Equal(7, model.IrVersion);
        Assert.Equal(13, Assert.Single(model.OpsetImport).Version);

        var image = Assert.Single(model.Graph.Input);
        Assert.Equal("image", image.Name);
        var dims = image.Type.TensorType.Shape.Dim;
        Assert.Equal("N", dims[0].DimParam);
        Assert.Equal([3L, 24L, 20L], dims.Skip(1).Select(d => d.DimValue));
        Assert.Equal(["probabilities", "cam"], model.Graph.Output.Select(o => o.Name));
        Assert.Subset(new HashSet<string> { "Conv", "Relu", "MaxPool", "GlobalAveragePool", "Flatten", "Add", "Softmax" },
            model.Graph.Node.Select(n => n.OpType).ToHashSet());
    }

    [Fact]
    public void ALoadedModelReportsTheNetworksShapeAndLabels()
    {
        var network = TestModels.Network(channels: 3);
        using var model = TestModels.Load(network);

        Assert.Equal(TestModels.Labels, model.Labels);
        Assert.Equal((3, 24, 20), (model.Channels, model.Height, model.Width));
        Assert.Equal((network.CamHeight, network.CamWidth), (model.CamHeight!.Value, model.CamWidth!.Value));
    }

    /// <summary>Runs the exported network in ONNX Runtime and checks it gives the reference's probabilities and maps.</summary>
    private static Hydra.Models.Serving.CamBatch ServedAsReference(CamNetwork network, float[] batch, int batchSize)
    {
        using var model = TestModels.Load(network);
        var expected = network.Forward(batch, batchSize).Output;
        var actual = model.Run(batch, batchSize);
        Assert.InRange(TestModels.MaxDifference(expected.Probabilities, actual.Probabilities), 0, Tolerance);
        Assert.InRange(TestModels.MaxDifference(expected.Cams, actual.Cams), 0, Tolerance);
        return actual;
    }

    private static double Mean(FeatureMaps maps, int n, int channel)
    {
        double sum = 0;
        for (var y = 0; y < maps.Height; y++)
        for (var x = 0; x < maps.Width; x++)
            sum += maps[n, channel, y, x];
        return sum / (maps.Height * maps.Width);
    }

    private static double[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var exps = logits.Select(l => Math.Exp(l - max)).ToArray();
        return exps.Select(e => e / exps.Sum()).ToArray();
    }
}
