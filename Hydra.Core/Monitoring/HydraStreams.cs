namespace Hydra.Core.Monitoring;

/// <summary>
/// Names of what Hydra keeps in Redis. Redis holds only what can be rebuilt from PostgreSQL: the
/// job stream, the hot state of each run and the event channel (ARCHITECTURE.md, "Data").
/// </summary>
public static class HydraStreams
{
    /// <summary>The stream of images waiting for a verdict; entries carry the image id.</summary>
    public const string IngestStream = "hydra:ingest";

    /// <summary>The consumer group every Inference replica's classifiers join.</summary>
    public const string ClassifierGroup = "classifiers";

    /// <summary>Pub/sub channel of <see cref="HydraEvent"/>s (JSON), one message per verdict, alarm or run change.</summary>
    public const string EventsChannel = "hydra:events";

    /// <summary>Hash of plot name to the latest <see cref="PlotState"/> (JSON) of a run.</summary>
    public static string RunStateKey(int runNumber) => $"hydra:run:{runNumber}:plots";

    /// <summary>The number of the run that most recently received an image.</summary>
    public const string CurrentRunKey = "hydra:current-run";
}
