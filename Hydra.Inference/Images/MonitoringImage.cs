using Hydra.Inference.PlotTypes;
using Hydra.Inference.Runs;

namespace Hydra.Inference.Images;

/// <summary>
/// One saved monitoring image: which plot, which run, which chunk of triggers, and the conditions
/// it was taken under. The PNG bytes live in <see cref="ImageContent"/> so listing images never
/// drags megabytes out of the database.
/// </summary>
public sealed class MonitoringImage
{
    public long Id { get; set; }
    public int PlotTypeId { get; set; }
    public PlotType? PlotType { get; set; }
    public int RunId { get; set; }
    public Run? Run { get; set; }

    /// <summary>The autosave number within the run (mon12 saves every 5,000 triggers).</summary>
    public int Chunk { get; set; }

    /// <summary>SHA-256 of the PNG: the same image arriving twice is one image.</summary>
    public required byte[] ContentSha256 { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public int SizeBytes { get; set; }

    /// <summary>When the monitoring program saved it, if the source said; else when it arrived.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Beam current when saved; null when unknown (the alarm gate then assumes beam).</summary>
    public double? BeamCurrentNanoAmps { get; set; }

    /// <summary>Training weight as in the original: 0 holds the image out of training for evaluation.</summary>
    public int TrainingWeight { get; set; } = 1;

    /// <summary>Kept past retention: drawn into the random share collected for labelling.</summary>
    public bool IsCollected { get; set; }

    /// <summary>
    /// When its job went onto the Redis stream. Null means it is stored but not queued yet (Redis was
    /// down): the backlog sweeper queues it later, so an accepted image is never lost.
    /// </summary>
    public DateTimeOffset? EnqueuedAt { get; set; }

    /// <summary>
    /// When its verdict was written, in the verdict's own transaction; null while it waits. The
    /// status page's backlog and the sweeper's lost jobs read this through a partial index instead
    /// of an anti-join over every image ever stored (a year is ten million rows).
    /// </summary>
    public DateTimeOffset? JudgedAt { get; set; }

    /// <summary>When retention removed the PNG; the row and its verdict stay for the timelines.</summary>
    public DateTimeOffset? PrunedAt { get; set; }

    /// <summary>Milliseconds ingest took (validate, hash, store), for the pipeline status page.</summary>
    public float IngestMs { get; set; }

    public ImageContent? Content { get; set; }
}
