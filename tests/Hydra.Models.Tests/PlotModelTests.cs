using Hydra.Models.Imaging;
using Hydra.Models.Serving;

namespace Hydra.Models.Tests;

public class PlotModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(ImageShape.RgbAndBlank)]
    public void PngsGiveTheSamePredictionsAsTheirPreparedTensors(int channels)
    {
        var network = TestModels.Network(channels, height: 48, width: 64);
        using var model = TestModels.Load(network);
        var pngs = Enumerable.Range(1, 3).Select(seed => TestModels.PlotPng(seed)).ToArray();

        var fromPngs = model.PredictPngs(pngs);
        var tensors = pngs.Select(png => PlotImage.ToTensor(png, model.Input)).ToArray();
        var fromTensors = model.Predict(tensors);
        var reference = network.Forward(tensors.SelectMany(t => t).ToArray(), tensors.Length).Output;

        Assert.Equal(3, fromPngs.Length);
        for (var i = 0; i < pngs.Length; i++)
        {
            Assert.Equal(fromTensors[i].Probabilities, fromPngs[i].Probabilities);
            Assert.Equal(fromTensors[i].Cam.Values, fromPngs[i].Cam.Values);
            Assert.InRange(TestModels.MaxDifference(reference.ProbabilitiesOf(i), fromPngs[i].Probabilities), 0, 1e-4f);
        }
    }

    [Fact]
    public void APredictionNamesTheTopClassAndCarriesItsMap()
    {
        var network = TestModels.Network(channels: 3);
        using var model = TestModels.Load(network);
        var batch = TestModels.Batch(seed: 11, images: 4, network.Input);

        var predictions = model.Predict(batch, 4);
        var output = model.Run(batch, 4);

        for (var i = 0; i < predictions.Length; i++)
        {
            var p = predictions[i];
            Assert.Equal(p.Probabilities.Max(), p.TopScore);
            Assert.Equal(Array.IndexOf(p.Probabilities, p.TopScore), p.TopClass);
            Assert.Equal(model.Labels[p.TopClass], p.TopLabel);
            Assert.Equal(1f, p.Probabilities.Sum(), 1e-5f);
            Assert.Equal((network.CamWidth, network.CamHeight), (p.Cam.Width, p.Cam.Height));
            Assert.Equal(output.CamOf(i, p.TopClass).Values, p.Cam.Values);
        }
    }

    [Fact]
    public void ABatchGivesEachImageWhatItGetsAlone()
    {
        var network = TestModels.Network();
        using var model = TestModels.Load(network);
        var images = Enumerable.Range(0, 3).Select(seed => TestModels.Batch(seed, 1, network.Input)).ToArray();

        var together = model.Predict(images);

        for (var i = 0; i < images.Length; i++)
        {
            var alone = Assert.Single(model.Predict([images[i]]));
            Assert.InRange(TestModels.MaxDifference(alone.Probabilities, together[i].Probabilities), 0, 1e-6f);
        }
    }

    [Fact]
    public void WarmUpRunsAZeroImageThroughTheModel()
    {
        using var model = TestModels.Load(TestModels.Network());

        var took = model.WarmUp();

        Assert.True(took > TimeSpan.Zero);
        Assert.Equal(TestModels.Network().Forward(new float[model.Input.Length], 1).Output.Probabilities,
            model.Run(new float[model.Input.Length], 1).Probabilities, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void MoreIntraOpThreadsGiveTheSameAnswer()
    {
        var network = TestModels.Network(channels: 3);
        var onnx = Onnx.CamNetworkOnnx.Export(network);
        var batch = TestModels.Batch(seed: 2, images: 2, network.Input);
        using var single = PlotModel.Load(onnx);
        using var pair = PlotModel.Load(onnx, new PlotModelOptions(IntraOpThreads: 2));

        Assert.InRange(TestModels.MaxDifference(single.Run(batch, 2).Cams, pair.Run(batch, 2).Cams), 0, 1e-5f);
    }

    [Fact]
    public void AnEmptyBatchNeedsNoRun()
    {
        using var model = TestModels.Load(TestModels.Network());

        Assert.Empty(model.PredictPngs([]));
        Assert.Empty(model.Predict(Array.Empty<float[]>()));
    }

    [Fact]
    public void ACorruptPngInABatchIsNamed()
    {
        using var model = TestModels.Load(TestModels.Network());
        var corrupt = "not a png at all"u8.ToArray();

        var error = Assert.Throws<ImageDecodeException>(() => model.PredictPngs([TestModels.PlotPng(1), corrupt]));

        Assert.StartsWith("Image 1 of 2:", error.Message);
    }

    [Fact]
    public void ATensorOfTheWrongSizeIsRefused()
    {
        using var model = TestModels.Load(TestModels.Network());

        var error = Assert.Throws<ArgumentException>(() => model.Predict([new float[10]]));

        Assert.Contains("Image 0 holds 10 floats", error.Message);
    }
}
