using Hydra.Models.Networks;

namespace Hydra.Models.Training;

/// <summary>
/// One epoch's point on the loss curves. Epoch 0 is the starting network before any update (random
/// or the parent's), measured over the training images once each; later train losses are the mean
/// over that epoch's mini-batches.
/// </summary>
public sealed record EpochResult(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy, TimeSpan Elapsed);

/// <summary>Everything a model registry needs to record how a network was trained.</summary>
public sealed record TrainingHyperparameters(
    OptimizerKind Optimizer,
    float LearningRate,
    float? Momentum,
    float WeightDecay,
    int BatchSize,
    int MaxEpochs,
    int Patience,
    double MinImprovement,
    double ValidationFraction,
    int Seed,
    ClassSampling Sampling,
    int SamplesPerClass,
    IReadOnlyList<int> BlockChannels,
    bool FineTuned,
    InputReferenceKind InputReference = InputReferenceKind.None,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant,
    Networks.CamPooling Pooling = Networks.CamPooling.Mean,
    int FirstBlockStride = 1);

/// <param name="Network">The weights of <paramref name="BestEpoch"/>, not of the last epoch run.</param>
/// <param name="Epochs">Loss curves, index = epoch, from epoch 0 (before training) to the last epoch run.</param>
/// <param name="Split">Which images (positions in the <see cref="TrainingData"/>) trained and which validated.</param>
public sealed record TrainingResult(
    CamNetwork Network,
    IReadOnlyList<EpochResult> Epochs,
    int BestEpoch,
    bool StoppedEarly,
    TrainingHyperparameters Hyperparameters,
    DataSplit Split,
    TimeSpan Elapsed)
{
    public double BestValidationLoss => Epochs[BestEpoch].ValidationLoss;
    public double BestValidationAccuracy => Epochs[BestEpoch].ValidationAccuracy;
}
