namespace Hydra.Core.Monitoring;

/// <summary>Why Hydra raised an alarm.</summary>
public enum AlarmKind
{
    /// <summary>A confirmed Bad verdict with beam on (or beam unknown): the detector needs a person.</summary>
    BadPlot,

    /// <summary>A confirmed NoData verdict: the monitoring program or its source may be broken.</summary>
    ImageSourceProblem,

    /// <summary>The watchdog saw no new image for a plot type (or for any) for too long: Hydra is blind.</summary>
    NoDataArriving,
}

/// <summary>
/// One alarm. It stays active while its cause lasts (the Bad episode, or the silence) and records
/// how many images confirmed it, so a 3 a.m. page says "Bad for 40 minutes, 9 images", not 9 alarms.
/// </summary>
public sealed record AlarmView(
    long AlarmId,
    AlarmKind Kind,
    int? RunNumber,
    string? PlotName,
    string? Detector,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ClearedAt,
    int ImageCount,
    long? FirstVerdictId,
    long? EpisodeId)
{
    public bool IsActive => ClearedAt is null;
}

/// <summary>
/// Consecutive equal verdicts of one plot type in one run (the original's IsTransition, made
/// explicit): when a plot turned Bad, when it recovered, and which chunks it spans.
/// </summary>
public sealed record EpisodeView(
    long EpisodeId,
    int RunNumber,
    string PlotName,
    string Detector,
    string Classification,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? EndedAt,
    int FirstChunk,
    int LastChunk,
    int ImageCount,
    int ConfirmedCount)
{
    public bool IsOpen => EndedAt is null;
    public TimeSpan Duration => (EndedAt ?? LastSeenAt) - StartedAt;
}
