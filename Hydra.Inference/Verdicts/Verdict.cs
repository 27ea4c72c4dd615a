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
}
