using Hydra.Models.Networks;

namespace Hydra.Models.Training;

/// <summary>
/// Trains a <see cref="CamNetwork"/> for one plot type the way the original Hydra did: a seeded
/// 95/5 split, classes resampled to the Bad count every epoch, mini-batches, early stopping on the
/// validation loss keeping the best epoch's weights, and fine-tuning from a parent network. The
/// same options, data and seed give the same weights bit for bit, on any number of cores.
/// </summary>
/// <param name="clock">Measures elapsed time for progress reports; the system's by default.</param>
public sealed class CamTrainer(TrainingOptions? options = null, TimeProvider? clock = null)
{
    private const int SplitStream = -1;
    private const int SamplingStream = -2;

    private readonly TrainingOptions options = Validated(options ?? new TrainingOptions());
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public TrainingOptions Options => options;

    /// <summary>Trains a new network (He-initialised from the seed) with the options' architecture.</summary>
    /// <param name="progress">Called on the training thread after every epoch.</param>
    /// <exception cref="OperationCanceledException">Cancelled; checked before every mini-batch.</exception>
    public TrainingResult Train(TrainingData data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var start = CamNetwork.CreateRandom(options.Seed, data.Input, data.Labels, options.BlockChannels, options.KernelSize, options.MaxPool, options.HeadPooling, options.FirstBlockStride);
        return Run(start, data, fineTuned: false, progress, cancellationToken);
    }

    /// <summary>
    /// Continues training from <paramref name="parent"/>'s weights (copied: the parent is not
    /// changed), e.g. when new labelled images arrive for a plot type that already has a model.
    /// </summary>
    public TrainingResult FineTune(CamNetwork parent, TrainingData data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(data);
        if (parent.Input != data.Input)
            throw new ArgumentException($"The parent reads images of {parent.Input}, the data holds {data.Input}.", nameof(data));
        if (!parent.Labels.SequenceEqual(data.Labels, StringComparer.Ordinal))
            throw new ArgumentException($"The parent's labels are {string.Join(", ", parent.Labels)}, the data's {string.Join(", ", data.Labels)}.", nameof(data));
        return Run(parent, data, fineTuned: true, progress, cancellationToken);
    }

    private TrainingResult Run(CamNetwork start, TrainingData data, bool fineTuned, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        cancellationToken.ThrowIfCancellationRequested();

        var split = DataSplit.Stratified(data.Classes, options.ValidationFraction, Seeds.Derive(options.Seed, SplitStream));
        if (split.Validation.Count == 0)
            throw new ArgumentException("Too few images to hold any back for validation: a class needs at least two.", nameof(data));
        var (trainImages, trainClasses) = Pick(data, split.Training);
        var (validationImages, validationClasses) = Pick(data, split.Validation);
        if (!fineTuned && options.InputReference == InputReferenceKind.MeanGood)
            start = start.WithInputReference(MeanImage(trainImages, trainClasses, data.Labels.ToList().IndexOf(options.GoodLabel), data.Input.Length));
        var bad = data.Labels.ToList().IndexOf(options.BadLabel);
        var sampler = new ClassResampler(trainClasses, data.Labels.Count, bad >= 0 ? bad : null, Seeds.Derive(options.Seed, SamplingStream));

        var layout = new NetworkLayout(start);
        var engine = new BatchEngine(layout, options.MaxDegreeOfParallelism);
        var parameters = layout.Flatten(start);
        var gradient = new float[layout.Count];
        var optimizer = options.CreateOptimizer();

        var (startTrainLoss, _) = engine.Evaluate(parameters, trainImages, trainClasses);
        var (startValidationLoss, startAccuracy) = engine.Evaluate(parameters, validationImages, validationClasses);
        var curve = new List<EpochResult> { new(0, startTrainLoss, startValidationLoss, startAccuracy, clock.GetElapsedTime(started)) };
        var (best, bestEpoch, sinceBest) = (parameters.ToArray(), 0, 0);

        var trainingStarted = clock.GetTimestamp();
        var batchImages = new List<float[]>(options.BatchSize);
        var batchClasses = new List<int>(options.BatchSize);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var order = sampler.Epoch(epoch);
            if (options.Schedule == LearningRateSchedule.Cosine)
                optimizer.LearningRateScale = (float)((1 + Math.Cos(Math.PI * (epoch - 1) / options.Epochs)) / 2);
            double lossSum = 0;
            for (var first = 0; first < order.Length; first += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batchImages.Clear();
                batchClasses.Clear();
                foreach (var position in order.AsSpan(first, Math.Min(options.BatchSize, order.Length - first)))
                {
                    batchImages.Add(trainImages[position]);
                    batchClasses.Add(trainClasses[position]);
                }
                lossSum += engine.Gradient(parameters, batchImages, batchClasses, gradient) * batchImages.Count;
                optimizer.Step(parameters, gradient);
            }

            var (validationLoss, accuracy) = engine.Evaluate(parameters, validationImages, validationClasses);
            // A NaN loss (a diverged run) never counts as better, so it ends in early stopping.
            if (validationLoss < curve[bestEpoch].ValidationLoss - options.MinImprovement)
            {
                parameters.CopyTo(best, 0);
                (bestEpoch, sinceBest) = (epoch, 0);
            }
            else
            {
                sinceBest++;
            }

            var elapsed = clock.GetElapsedTime(started);
            var trainLoss = lossSum / order.Length;
            curve.Add(new EpochResult(epoch, trainLoss, validationLoss, accuracy, elapsed));
            var perEpoch = clock.GetElapsedTime(trainingStarted) / epoch;
            progress?.Report(new TrainingProgress(epoch, options.Epochs, trainLoss, validationLoss, accuracy, bestEpoch, elapsed, perEpoch * (options.Epochs - epoch)));
            if (sinceBest >= options.Patience) break;
        }

        var trained = layout.ToNetwork(best, start);
        var hyperparameters = new TrainingHyperparameters(
            options.Optimizer, options.LearningRate, options.Optimizer == OptimizerKind.Sgd ? options.Momentum : null, options.WeightDecay,
            options.BatchSize, options.Epochs, options.Patience, options.MinImprovement, options.ValidationFraction, options.Seed,
            sampler.Sampling, sampler.SamplesPerClass, start.Blocks.Select(b => b.OutChannels).ToArray(), fineTuned,
            start.InputReference is null ? InputReferenceKind.None : fineTuned ? InputReferenceKind.MeanGood : options.InputReference,
            options.Schedule, start.Head.Pooling, start.Blocks[0].Stride);
        var epochsRun = curve.Count - 1;
        return new TrainingResult(trained, curve, bestEpoch, epochsRun < options.Epochs, hyperparameters, split, clock.GetElapsedTime(started));
    }

    /// <summary>The mean of the images of one class (of all images when the class has none), summed in double in image order.</summary>
    private static float[] MeanImage(float[][] images, int[] classes, int good, int length)
    {
        var chosen = images.Where((_, i) => classes[i] == good).ToArray();
        if (chosen.Length == 0) chosen = images;
        var sum = new double[length];
        foreach (var image in chosen)
            for (var j = 0; j < length; j++) sum[j] += image[j];
        return Array.ConvertAll(sum, v => (float)(v / chosen.Length));
    }

    private static (float[][] Images, int[] Classes) Pick(TrainingData data, IReadOnlyList<int> positions) =>
        (positions.Select(i => data.Tensors[i]).ToArray(), positions.Select(i => data.Classes[i]).ToArray());

    private static TrainingOptions Validated(TrainingOptions options)
    {
        options.Validate();
        return options;
    }
}
