using Hydra.Inference.Images;

namespace Hydra.Inference.Labels;

/// <summary>
/// An expert's current label for an image (the latest one is what training uses). Every change is
/// also written to <see cref="LabelChange"/>, so who said what, and when, is never lost.
/// </summary>
public sealed class ImageLabel
{
    public long ImageId { get; set; }
    public MonitoringImage? Image { get; set; }
    public required string Classification { get; set; }
    public required string LabelledBy { get; set; }
    public DateTimeOffset LabelledAt { get; set; }
    public string? Comment { get; set; }
}

/// <summary>One step in an image's label history: old and new class (null = none / erased).</summary>
public sealed class LabelChange
{
    public long Id { get; set; }
    public long ImageId { get; set; }
    public string? OldClassification { get; set; }
    public string? NewClassification { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? Comment { get; set; }
}
