namespace Hydra.Inference.PlotTypes;

/// <summary>
/// A kind of monitoring image, named as mon12 saves it: <c>&lt;DETECTOR&gt;_&lt;tab&gt;</c>, e.g.
/// <c>ECAL_adcOccupancy</c> or <c>DC_occupancyNorm_s3</c>. Each has at most one active model.
/// </summary>
public sealed class PlotType
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The detector group the Run page files it under (ECAL, DC, FTOF, RF, ...).</summary>
    public required string Detector { get; set; }

    /// <summary>False for plots saved once per run rather than per chunk of triggers.</summary>
    public bool IsChunked { get; set; } = true;

    /// <summary>Share (0..1) of unlabelled images kept past retention so experts have fresh ones to label.</summary>
    public double CollectShare { get; set; } = 0.1;

    /// <summary>Ignored plot types are stored but never judged or alarmed on.</summary>
    public bool IsIgnored { get; set; }

    /// <summary>The model that judges this plot type's images; null gives every image the verdict NoModel.</summary>
    public Guid? ActiveModelId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
