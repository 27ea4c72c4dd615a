namespace Hydra.Core.Monitoring;

/// <summary>The answer to an accepted upload: the stored image's id and whether it was new.</summary>
public sealed record ImageAccepted(long ImageId, int RunNumber, string PlotName, int Chunk, bool Duplicate, bool Queued);

/// <summary>
/// What Hydra concluded about one image. <see cref="Classification"/> is a class name or NoModel;
/// <see cref="Scores"/> holds every class's score so a timeline can be redrawn later.
/// </summary>
public sealed record VerdictView(
    long VerdictId,
    long ImageId,
    int RunNumber,
    string PlotName,
    string Detector,
    int Chunk,
    string Classification,
    float? Confidence,
    bool Confirmed,
    IReadOnlyDictionary<string, float> Scores,
    Guid? ModelId,
    double? BeamCurrentNanoAmps,
    DateTimeOffset RecordedAt,
    DateTimeOffset JudgedAt,
    bool HasCam,
    long? AlarmId,
    IReadOnlyList<Explanations.HotRegion>? Regions = null,
    long? ReferenceImageId = null,
    float? ReferenceSimilarity = null);

/// <summary>One plot type's latest verdict in a run: a card on the Run page.</summary>
public sealed record PlotState(string PlotName, string Detector, VerdictView Latest);

/// <summary>
/// A run as the Run page shows it: its conditions, when it last heard from the monitoring, and the
/// latest verdict of every plot type seen in it.
/// </summary>
/// <param name="ImagesWaiting">
/// The run's images stored but not judged yet. With no new verdict, it tells the shift crew where
/// the silence is: images that still arrive and wait point at the classifier, none at mon12.
/// </param>
/// <param name="InstallingDefaultModels">
/// The answering replica is still installing the shipped models at start-up; its classifier holds
/// the images back meanwhile, so they are judged by those models and not stored as NoModel.
/// </param>
public sealed record RunState(RunView Run, IReadOnlyList<PlotState> Plots, int ActiveAlarms, DateTimeOffset? LastUpdateAt,
    int ImagesWaiting = 0, bool InstallingDefaultModels = false);

public sealed record RunView(
    int RunNumber,
    string? RunPeriod,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double? BeamCurrentNanoAmps,
    string? Target,
    double? TorusScale,
    double? SolenoidScale);

public sealed record PlotTypeView(
    int Id,
    string Name,
    string Detector,
    bool IsChunked,
    bool IsIgnored,
    double CollectShare,
    Guid? ActiveModelId,
    DateTimeOffset RegisteredAt);
