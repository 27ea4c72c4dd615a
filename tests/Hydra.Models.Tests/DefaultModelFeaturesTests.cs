using Hydra.Models.Imaging;
using Hydra.Models.Serving;
using Microsoft.ML.OnnxRuntime;

namespace Hydra.Models.Tests;

/// <summary>The committed default models gain a features output at load and keep their verdicts exactly.</summary>
public sealed class DefaultModelFeaturesTests
{
    [Fact]
    public void Every_default_model_gets_its_own_embedding_and_the_same_probabilities_as_its_file()
    {
        var files = TestModels.DefaultModelFiles("*.onnx");
        var png = TestModels.PlotPng(4, width: 320, height: 160);
        foreach (var file in files)
        {
            var onnx = File.ReadAllBytes(file);
            using var model = PlotModel.Load(onnx);
            Assert.True(model.HasFeatures, Path.GetFileName(file));
            var (predictions, features) = model.PredictAndEmbedPngs([png]);
            Assert.NotNull(features);
            Assert.Contains(features[0], v => v > 0);

            // The untouched file, run directly: the same probabilities.
            using var original = new InferenceSession(onnx);
            var tensor = PlotImage.ToTensor(png, model.Input);
            using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, model.Channels, model.Height, model.Width]);
            using var outputs = original.Run(new RunOptions(), [CamContract.InputName], [input], [CamContract.ProbabilitiesName]);
            var expected = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            Assert.True(TestModels.MaxDifference(expected, predictions[0].Probabilities) < 1e-6f, Path.GetFileName(file));
        }
    }
}
