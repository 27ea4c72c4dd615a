namespace Hydra.Core.Monitoring;

/// <summary>Ask for a new model version trained from a plot type's current labels.</summary>
public sealed record TrainingRequest(string RequestedBy, int? Epochs = null, int? Seed = null);

public enum TrainingJobStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>A training job as the Library page's progress bar shows it.</summary>
public sealed record TrainingJobView(
    long JobId,
    string PlotName,
    TrainingJobStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Epoch,
    int TotalEpochs,
    double? TrainLoss,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double? SecondsLeft,
    int? TrainingImages,
    Guid? ModelId,
    string? Error);
