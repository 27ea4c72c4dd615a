using Hydra.Inference.Images;

namespace Hydra.Inference.Verdicts;

/// <summary>
/// What Hydra concluded about one image: the top class (or NoModel), its confidence, whether it
/// clears the model's threshold for that class (Confirmed), and every class score, kept so that
/// timelines and threshold sweeps can be redrawn later without re-running the model.
/// </summary>
public sealed class Verdict
{
    public long Id { get; set; }
    public long ImageId { get; set; }
    public MonitoringImage? Image { get; set; }

    /// <summary>A <see cref="Hydra.Core.Classifications.Classification"/> name, or NoModel.</summary>
    public required string Classification { get; set; }
    public float? Confidence { get; set; }
    public bool Confirmed { get; set; }

    /// <summary>Class name to softmax score, for every class the model knows.</summary>
    public Dictionary<string, float> Scores { get; set; } = [];

    /// <summary>The model version that judged it; null for NoModel.</summary>
    public Guid? ModelId { get; set; }
    public DateTimeOffset JudgedAt { get; set; }

    /// <summary>The top class's activation map (GradCAM of a GAP head), serialised small; null for NoModel.</summary>
    public byte[]? Cam { get; set; }

    /// <summary>The map's hot regions in detector and electronics coordinates; null without a model or a layout.</summary>
    public List<Hydra.Core.Explanations.HotRegion>? Regions { get; set; }

    /// <summary>
    /// The Good image this one was compared with (expert-set, or the newest confirmed Good of the
    /// same plot type and run conditions), and how alike they look, 0..1 (ADR-010); null when no
    /// reference exists. A plain id, not a foreign key: the verdict keeps it if that image goes.
    /// </summary>
    public long? ReferenceImageId { get; set; }
    public float? ReferenceSimilarity { get; set; }

    /// <summary>The episode this verdict belongs to and the alarm it raised or confirmed, if any.</summary>
    public long? EpisodeId { get; set; }
    public Episodes.Episode? Episode { get; set; }
    public long? AlarmId { get; set; }
    public Alarms.Alarm? Alarm { get; set; }

    /// <summary>Milliseconds from arrival to commit, per stage, for the pipeline status page.</summary>
    public float QueueMs { get; set; }
    public float ClassifyMs { get; set; }
}
