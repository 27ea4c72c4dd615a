using Hydra.Inference.Images;

namespace Hydra.Inference.References;

/// <summary>
/// An expert's choice of the Good image a plot type's new images are compared with. It wins over
/// the automatic choice (the newest confirmed Good image of the same run conditions) until cleared.
/// Who set it and when is kept with it; the image is kept past retention while it is the reference.
/// </summary>
public sealed class PlotReference
{
    public int PlotTypeId { get; set; }
    public long ImageId { get; set; }
    public MonitoringImage? Image { get; set; }
    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }
}

/// <summary>The reference an image was compared with and how alike they look, 0..1.</summary>
public sealed record ReferenceScore(long ImageId, float Similarity);
