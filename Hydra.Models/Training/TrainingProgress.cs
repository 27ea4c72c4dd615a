namespace Hydra.Models.Training;

/// <summary>
/// Reported after each epoch. <see cref="EstimatedTimeLeft"/> assumes every remaining epoch runs
/// (early stopping can only make it shorter): the mean epoch time so far times the epochs left.
/// </summary>
public sealed record TrainingProgress(
    int Epoch,
    int TotalEpochs,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    int BestEpoch,
    TimeSpan Elapsed,
    TimeSpan EstimatedTimeLeft);
