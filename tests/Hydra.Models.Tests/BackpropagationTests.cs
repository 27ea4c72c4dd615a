using Hydra.Models.Networks;
using Hydra.Models.Training;
using Xunit.Abstractions;

namespace Hydra.Models.Tests;

/// <summary>
/// The trainer's float gradients against central finite differences of a double-precision loss,
/// for every parameter of small networks that between them use stride 1 and 2, padding 0, 1 and 2,
/// 1x1 to 5x5 kernels, pooling over odd and even sizes, the CAM head, and images wide enough that
/// the convolutions run in several bands of rows, and rows whose width leaves positions after the
/// last whole vector (512- and 256-bit kernels and scalar loops in one pass); and the trainer's forward pass against the
/// network's reference on a plot of many bands.
/// </summary>
public class BackpropagationTests(ITestOutputHelper output)
{
    private const double Step = 1e-6;
    private const double MaxRelativeError = 1e-4;

    public static TheoryData<string> Networks => [StridedAndPadded, LargeKernelsAndOneByOne, WideInSeveralBands, WithInputReference, WithMeanAndMaxHead, OddWidthInVectorsAndSingles];

    private const string StridedAndPadded = "3x3 stride 1 pad 1 pooled, then stride 2 pad 2";
    private const string LargeKernelsAndOneByOne = "5x5 stride 2 unpadded, then 2x2 pooled, then 1x1";
    private const string WideInSeveralBands = "8 x 600: 3x3 pooled in bands of 3, 3, 2 rows, then 3x3 in bands of 3, 1";
    private const string WithInputReference = "3x3 stride 1 pad 1 pooled, then stride 2 pad 2, on images minus a reference";
    private const string WithMeanAndMaxHead = "3x3 stride 1 pad 1 pooled, then stride 2 pad 2, a head adding each class map's maximum";

    // 37 wide: 37 positions a row and 18 pooling windows, so the vector kernels (16 and 8
    // positions or windows at a time) and the scalar loops after them all run, on 4 channels.
    private const string OddWidthInVectorsAndSingles = "1 x 5 x 37: 3x3 pad 1 to 4 channels pooled, then 3x3 pad 1 to 4 channels";

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryParameterMatchesFiniteDifferences(string name)
    {
        var network = name switch
        {
            StridedAndPadded => Build(seed: 1, new ImageShape(3, 9, 8), (4, 3, 1, 1, true), (5, 3, 2, 2, false)),
            LargeKernelsAndOneByOne => Build(seed: 2, new ImageShape(1, 11, 10), (3, 5, 2, 0, false), (4, 2, 1, 0, true), (3, 1, 1, 0, false)),
            WithInputReference => Build(seed: 4, new ImageShape(3, 9, 8), (4, 3, 1, 1, true), (5, 3, 2, 2, false))
                .WithInputReference(TestModels.Batch(seed: 99, 1, new ImageShape(3, 9, 8))),
            WithMeanAndMaxHead => WithPooling(Build(seed: 5, new ImageShape(3, 9, 8), (4, 3, 1, 1, true), (5, 3, 2, 2, false)), CamPooling.MeanAndMax),
            OddWidthInVectorsAndSingles => Build(seed: 6, new ImageShape(1, 5, 37), (4, 3, 1, 1, true), (4, 3, 1, 1, false)),
            _ => Build(seed: 3, new ImageShape(1, 8, 600), (2, 3, 1, 1, true), (2, 3, 1, 1, false)),
        };
        var count = name == WideInSeveralBands ? 2 : 3;
        var images = Enumerable.Range(0, count).Select(i => TestModels.Batch(seed: 100 + i, 1, network.Input)).ToArray();
        var classes = Enumerable.Range(0, count).ToArray();

        var analytic = Backpropagation.Gradients(network, images, classes);
        var reference = new DoubleReference(network);
        var tensors = analytic.Blocks.SelectMany(b => new[] { b.Weights, b.Bias }).Append(analytic.HeadWeights).Append(analytic.ClassBias).ToArray();

        Assert.Equal(reference.Loss(images, classes), analytic.Loss, 1e-5);
        for (var t = 0; t < tensors.Length; t++)
        {
            var worst = 0.0;
            for (var i = 0; i < tensors[t].Length; i++)
            {
                var numeric = CentralDifference(reference, reference.Parameters[t], i, images, classes);
                worst = Math.Max(worst, RelativeError(tensors[t][i], numeric));
            }
            output.WriteLine($"tensor {t} ({tensors[t].Length} values): worst relative error {worst:E2}, largest gradient {tensors[t].Max(Math.Abs):E2}");
            Assert.InRange(worst, 0, MaxRelativeError);
            // Not a comparison of zeros: every tensor receives a real gradient.
            Assert.True(tensors[t].Max(Math.Abs) > 1e-3, $"tensor {t} has no gradient to check");
        }
    }

    [Theory]
    [InlineData(false, CamPooling.Mean)]
    [InlineData(true, CamPooling.Mean)]
    [InlineData(true, CamPooling.MeanAndMax)]
    public void TheTrainersForwardPassIsTheReferenceOnAPlotOfManyBands(bool inputReference, CamPooling pooling)
    {
        // 48 x 64 with 8 and 16 channels: the convolutions run in 2 and 4 bands of rows.
        var network = CamNetwork.CreateRandom(4, new ImageShape(1, 48, 64), TestModels.Labels, [8, 16], pooling: pooling);
        if (inputReference) network = network.WithInputReference(TestModels.Batch(seed: 300, 1, network.Input));
        var images = Enumerable.Range(0, 2).Select(i => TestModels.Batch(seed: 200 + i, 1, network.Input)).ToArray();

        var trainer = Backpropagation.Probabilities(network, images);
        var reference = network.Forward(images.SelectMany(t => t).ToArray(), images.Length).Output.Probabilities;

        Assert.InRange(TestModels.MaxDifference(reference, trainer), 0, 1e-5f);
        Assert.True(trainer.Max() - trainer.Min() > 0.01f, "the probabilities differ between classes");
    }

    private static CamNetwork WithPooling(CamNetwork network, CamPooling pooling) =>
        new(network.Input, network.Blocks, network.Head with { Pooling = pooling }, network.Labels, network.InputReference);

    private static double CentralDifference(DoubleReference reference, double[] tensor, int index, float[][] images, int[] classes)
    {
        var saved = tensor[index];
        tensor[index] = saved + Step;
        var plus = reference.Loss(images, classes);
        tensor[index] = saved - Step;
        var minus = reference.Loss(images, classes);
        tensor[index] = saved;
        return (plus - minus) / (2 * Step);
    }

    /// <summary>Relative to the larger magnitude, with a floor so that gradients near zero are judged absolutely (to 1e-4 x 1e-3).</summary>
    private static double RelativeError(double analytic, double numeric) =>
        Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), 1e-3);

    /// <summary>A network from explicit blocks (out channels, kernel, stride, padding, pool), random weights and biases.</summary>
    private static CamNetwork Build(int seed, ImageShape input, params (int Out, int Kernel, int Stride, int Padding, bool Pool)[] specs)
    {
        var random = new Random(seed);
        float[] Random(int count, double scale) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
        var blocks = new List<ConvBlock>();
        var channels = input.Channels;
        foreach (var (outChannels, kernel, stride, padding, pool) in specs)
        {
            var fanIn = channels * kernel * kernel;
            blocks.Add(new ConvBlock(channels, outChannels, kernel, Random(outChannels * fanIn, Math.Sqrt(6.0 / fanIn)), Random(outChannels, 0.1),
                stride, padding, pool));
            channels = outChannels;
        }
        var labels = TestModels.Labels;
        return new CamNetwork(input, blocks, new CamHead(channels, labels.Length, Random(labels.Length * channels, 1), Random(labels.Length, 0.1)), labels);
    }
}
