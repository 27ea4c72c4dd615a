namespace Hydra.Inference.Models;

/// <summary>
/// The confidence a model's class needs before its verdict counts as Confirmed. Set by the
/// threshold sweep (method "max_f1"), by default ("init") or by an expert (method = their name),
/// as in the original's ModelThresholds.
/// </summary>
public sealed class ModelThreshold
{
    public Guid ModelId { get; set; }
    public required string Classification { get; set; }
    public float Threshold { get; set; }
    public required string Method { get; set; }
    public string? SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }
}
