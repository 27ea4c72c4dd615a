using System.Text.Json;

namespace Hydra.Models.Training;

/// <summary>
/// What travels beside a trained ONNX file (<c>&lt;PLOT&gt;.json</c> next to <c>&lt;PLOT&gt;.onnx</c>): the
/// thresholds the held-out evaluation chose, how good the model is, and how it was made, so the
/// Library page can say "Bad recall 0.96 on 30 held-out images, trained on 120 from dataset seed 1".
/// <see cref="Source"/> says how the model was trained; <see cref="ThresholdHistory"/> how its
/// thresholds moved from max F1 since.
/// </summary>
public sealed record ModelCard(
    string Plot,
    IReadOnlyList<string> Labels,
    ImageShape Input,
    IReadOnlyDictionary<string, float> Thresholds,
    double HeldOutAccuracy,
    int HeldOutImages,
    int TrainingImages,
    int BestEpoch,
    TrainingHyperparameters Hyperparameters,
    string Source,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ThresholdChange>? ThresholdHistory = null)
{
    /// <summary>The card with a new threshold for <paramref name="label"/>, and the change at the end of its history.</summary>
    public ModelCard WithThreshold(string label, float threshold, string rule, string evidence) => this with
    {
        Thresholds = new Dictionary<string, float>(Thresholds) { [label] = threshold },
        ThresholdHistory = [.. ThresholdHistory ?? [], new ThresholdChange(label, Thresholds[label], threshold, rule, evidence, DateTimeOffset.UtcNow)],
    };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The card for a model: max-F1 thresholds for classes the held-out images had, <paramref name="fallback"/> for the rest.</summary>
    public static ModelCard For(string plot, TrainedPlotModel model, string source, float fallback = 0.5f) => new(
        plot,
        model.Labels,
        model.Training.Network.Input,
        model.Labels.ToDictionary(l => l, l =>
            model.HeldOut.Classes.Any(c => c.Label == l && c.Support > 0) ? model.HeldOut.Thresholds.Single(t => t.Label == l).BestThreshold : fallback),
        Math.Round(model.HeldOut.Accuracy, 4),
        model.HeldOut.Samples,
        model.TrainingImages,
        model.Training.BestEpoch,
        model.Training.Hyperparameters,
        source,
        DateTimeOffset.UtcNow);
}
