using Hydra.Inference.Data;
using Hydra.Inference.Models;
using Hydra.Models;
using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using Hydra.Models.Training;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Inference.Tests;

/// <summary>
/// A hand-set CAM network whose verdict a test can choose: white images are Bad, black ones Good,
/// mid-grey ones a Good/Bad tie below any threshold (Unconfirmed). Exported to ONNX and served by
/// ONNX Runtime exactly like a trained model.
/// </summary>
public static class BrightnessModel
{
    public static readonly string[] Labels = ["Good", "Bad", "NoData"];
    public const byte White = 255, Black = 0, Grey = 128;

    /// <param name="inverted">The opposite opinion (white is Good): a second version to switch to.</param>
    public static byte[] Onnx(bool inverted = false)
    {
        var identity = new ConvBlock(1, 1, 1, [1f], [0f]);
        // logit = weight * mean(pixel) + bias: bright pushes Bad up and Good down.
        var head = inverted
            ? new CamHead(1, 3, [10f, -10f, 0f], [-5f, 5f, -3f])
            : new CamHead(1, 3, [-10f, 10f, 0f], [5f, -5f, -3f]);
        return CamNetworkOnnx.Export(new CamNetwork(new ImageShape(1, 16, 16), [identity], head, Labels));
    }

    /// <summary>Ships it as a default model: <c>&lt;plot&gt;.onnx</c> and its card in <paramref name="folder"/>.</summary>
    public static void ShipDefault(string folder, string plot, float badThreshold, bool inverted = false, string source = "test", IReadOnlyList<ThresholdChange>? history = null)
    {
        File.WriteAllBytes(Path.Combine(folder, plot + ".onnx"), Onnx(inverted));
        var card = new ModelCard(plot, Labels, new ImageShape(1, 16, 16),
            new Dictionary<string, float> { ["Good"] = 0.6f, ["Bad"] = badThreshold, ["NoData"] = 0.5f }, 0.97, 30, 120, 12,
            new TrainingHyperparameters(OptimizerKind.Adam, 0.003f, null, 0, 32, 60, 12, 0, 0.05, 1, ClassSampling.ToBadCount, 40, [1], false),
            source, DateTimeOffset.UtcNow, history);
        File.WriteAllText(Path.Combine(folder, plot + ".json"), JsonSerializer.Serialize(card, ModelCard.Json));
    }

    /// <summary>Registers the model for a plot type (creating the plot type) and makes it active, with thresholds.</summary>
    /// <param name="onnx">Another network with the same labels and input (e.g. <see cref="ToneModel"/>); default this one.</param>
    public static async Task<Guid> ActivateAsync(IServiceProvider services, string plotName, float badThreshold = 0.9f, byte[]? onnx = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var plot = db.PlotTypes.FirstOrDefault(p => p.Name == plotName)
            ?? db.PlotTypes.Add(new PlotTypes.PlotType { Name = plotName, Detector = plotName.Split('_')[0], RegisteredAt = DateTimeOffset.UtcNow }).Entity;
        await db.SaveChangesAsync();

        onnx ??= Onnx();
        var model = new ModelVersion
        {
            Id = Guid.NewGuid(), PlotTypeId = plot.Id, Name = "brightness", CreatedAt = DateTimeOffset.UtcNow, Labels = Labels,
            InputChannels = 1, InputHeight = 16, InputWidth = 16, FileSha256 = System.Security.Cryptography.SHA256.HashData(onnx),
            Origin = "imported", File = new ModelFile { Onnx = onnx },
        };
        model.Thresholds.Add(new ModelThreshold { Classification = "Bad", Threshold = badThreshold, Method = "test", SetAt = DateTimeOffset.UtcNow });
        model.Thresholds.Add(new ModelThreshold { Classification = "Good", Threshold = 0.6f, Method = "test", SetAt = DateTimeOffset.UtcNow });
        db.Models.Add(model);
        plot.ActiveModelId = model.Id;
        await db.SaveChangesAsync();
        return model.Id;
    }
}

/// <summary>
/// A model that calls an image Bad when a quarter of it is bright, with a class activation map hot
/// exactly there: a verdict whose explanation a test can predict.
/// </summary>
public static class SpotModel
{
    public static byte[] Onnx() => CamNetworkOnnx.Export(new CamNetwork(
        new ImageShape(1, 16, 16), [new ConvBlock(1, 1, 1, [1f], [0f])],
        new CamHead(1, 3, [-10f, 40f, 0f], [5f, -5f, -3f]), BrightnessModel.Labels));
}

/// <summary>
/// A model with two features, brightness and darkness (1 x 1 conv: x and 1 - x, both through ReLU),
/// so its embedding has a direction: mid-grey images are Good and point one way, white ones (Bad)
/// and black ones (NoData) another. The reference similarity of grey to grey is 1, of white or
/// black to grey about 0.71.
/// </summary>
public static class ToneModel
{
    public static byte[] Onnx() => CamNetworkOnnx.Export(new CamNetwork(
        new ImageShape(1, 16, 16), [new ConvBlock(1, 2, 1, [1f, -1f], [0f, 1f])],
        // logits = W [brightness, darkness] + b: Good constant, Bad bright, NoData dark.
        new CamHead(2, 3, [0f, 0f, 10f, -10f, -10f, 10f], [3f, -2f, -2f]), BrightnessModel.Labels));
}
