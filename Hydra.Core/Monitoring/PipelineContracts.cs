namespace Hydra.Core.Monitoring;

/// <summary>How the pipeline is doing: is it keeping up, and where does the time go.</summary>
public sealed record PipelineStatus(
    long QueueLength,
    long PendingJobs,
    long ImagesWaitingForVerdict,
    IReadOnlyList<StageTiming> Stages,
    IReadOnlyList<DailyCount> ImagesPerDay,
    DateTimeOffset? LastVerdictAt);

/// <summary>Latency of one stage (ingest, queue wait, classify, judge, commit) over the recent window, in ms.</summary>
public sealed record StageTiming(string Stage, long Count, double MeanMs, double P50Ms, double P95Ms, double MaxMs, IReadOnlyList<HistogramBin> Histogram);

/// <summary>Samples up to <see cref="UpToMs"/> (exclusive of the previous bin); null is the overflow bin.</summary>
public sealed record HistogramBin(double? UpToMs, long Count);

public sealed record DailyCount(DateOnly Day, long Images);
