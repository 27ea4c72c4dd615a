using Hydra.Models.Evaluation;
using Hydra.Models.Imaging;
using Hydra.Models.Networks;
using Hydra.Models.Onnx;

namespace Hydra.Models.Training;

/// <summary>A trained plot model: its ONNX file, how training went, and how it did on images it never saw.</summary>
public sealed record TrainedPlotModel(byte[] Onnx, IReadOnlyList<string> Labels, TrainingResult Training, ModelEvaluation HeldOut, int TrainingImages)
{
    /// <summary>Positions, in the images given to <see cref="PlotModelBuilder.Train"/>, of those held out for <see cref="HeldOut"/>.</summary>
    public IReadOnlySet<int> HeldOutImages { get; init; } = new HashSet<int>();
}

/// <summary>
/// From labelled PNGs to a served-ready model, the same way for the default models and for
/// retraining in the app: preprocess exactly as serving does, hold out a share for evaluation,
/// train (early stopping on its own 95/5 split), export ONNX, evaluate on the held-out images.
/// </summary>
public static class PlotModelBuilder
{
    /// <summary>mon12 plots are about 2:1 (1590 x 820); 80 x 160 keeps a sector's worth of strips visible.</summary>
    public static readonly ImageShape DefaultInput = new(1, 80, 160);

    /// <summary>Good first and Bad second (the Run page's order), then the rest alphabetically.</summary>
    public static IReadOnlyList<string> LabelsFor(IEnumerable<string> present) =>
        [.. present.Distinct(StringComparer.Ordinal).OrderBy(l => l switch { "Good" => 0, "Bad" => 1, _ => 2 }).ThenBy(l => l, StringComparer.Ordinal)];

    /// <summary>
    /// Whether a new version can start from <paramref name="parent"/>'s weights: it must read the same
    /// input and know exactly the classes the labels use (a new class needs a new head).
    /// </summary>
    public static bool CanFineTune(CamNetwork parent, IEnumerable<string> labels, ImageShape input)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return parent.Input == input && parent.Labels.SequenceEqual(LabelsFor(labels), StringComparer.Ordinal);
    }

    /// <param name="heldOutShare">Share of each class kept out of training for the evaluation (and the thresholds).</param>
    /// <param name="parent">Fine-tune from this network (see <see cref="CanFineTune"/>) instead of starting from random weights.</param>
    public static TrainedPlotModel Train(IReadOnlyList<(byte[] Png, string Label)> images, ImageShape input, TrainingOptions options,
        double heldOutShare = 0.2, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, CamNetwork? parent = null)
    {
        var labels = LabelsFor(images.Select(i => i.Label));
        if (parent is not null && !CanFineTune(parent, labels, input))
            throw new ArgumentException($"The parent reads {parent.Input} as {string.Join("/", parent.Labels)}; these images are {input} as {string.Join("/", labels)}.", nameof(parent));
        // Every image as serving reads it; a damaged one stops training before it starts, named by its position.
        var tensors = PlotImage.ToTensors([.. images.Select(i => i.Png)], input,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            i => $"Image {i} of {images.Count} ({images[i].Label})");

        var classes = images.Select(i => labels.ToList().IndexOf(i.Label)).ToList();
        var split = DataSplit.Stratified(classes, heldOutShare, options.Seed + 7919);
        var training = new TrainingData(input, labels, [.. split.Training.Select(i => new LabelledImage(tensors[i], images[i].Label))]);
        var trainer = new CamTrainer(options);
        var result = parent is null ? trainer.Train(training, progress, cancellationToken) : trainer.FineTune(parent, training, progress, cancellationToken);

        var heldOut = split.Validation;
        var probabilities = heldOut.Count == 0 ? [] : Backpropagation.Probabilities(result.Network, [.. heldOut.Select(i => tensors[i])]);
        var samples = heldOut.Select((image, n) => new EvaluationSample(images[image].Label, probabilities.AsSpan(n * labels.Count, labels.Count).ToArray()));
        return new TrainedPlotModel(CamNetworkOnnx.Export(result.Network), labels, result, ModelEvaluation.Evaluate(labels, samples), split.Training.Count)
        {
            HeldOutImages = heldOut.ToHashSet(),
        };
    }
}
