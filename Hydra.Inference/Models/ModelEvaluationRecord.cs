namespace Hydra.Inference.Models;

/// <summary>A stored evaluation of a model version (the Library page's confusion matrix and sweep), as JSON.</summary>
public sealed class ModelEvaluationRecord
{
    public long Id { get; set; }
    public Guid ModelId { get; set; }
    public DateTimeOffset EvaluatedAt { get; set; }
    public int Samples { get; set; }

    /// <summary>True when only held-out images (training weight 0) were used; false when none existed and all labelled images were.</summary>
    public bool HeldOutOnly { get; set; }
    public required string Result { get; set; }
}
