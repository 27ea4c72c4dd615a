namespace Hydra.Inference.Models;

/// <summary>
/// The confidence a model's class needs before its verdict counts as Confirmed. Set by the
/// threshold sweep (method "max_f1"), by default ("init") or by an expert (method = their name),
/// as in the original's ModelThresholds.
/// </summary>
public sealed class ModelThreshold
{
    /// <summary>The method of a threshold nobody chose: the configured default.</summary>
    public const string Initial = "init";

    /// <summary>The method of a threshold a held-out evaluation's sweep chose (max F1).</summary>
    public const string Swept = "max_f1";

    public Guid ModelId { get; set; }
    public required string Classification { get; set; }
    public float Threshold { get; set; }
    public required string Method { get; set; }
    public string? SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }

    /// <summary>An expert set it (the method is their name): evaluations and new default models leave it alone.</summary>
    public bool SetByExpert => Method is not (Initial or Swept);
}
