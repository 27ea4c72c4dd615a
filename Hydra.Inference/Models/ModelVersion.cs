namespace Hydra.Inference.Models;

/// <summary>
/// One trained (or imported) ONNX classifier for one plot type. Versions are never overwritten:
/// activating another one, or rolling back, only moves the plot type's pointer.
/// </summary>
public sealed class ModelVersion
{
    public Guid Id { get; set; }
    public int PlotTypeId { get; set; }
    public PlotTypes.PlotType? PlotType { get; set; }
    public required string Name { get; set; }
    public Guid? ParentModelId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Class names in the order of the model's output, e.g. Good, Bad, NoData.</summary>
    public required string[] Labels { get; set; }

    /// <summary>Input tensor shape the model expects: channels, height, width.</summary>
    public int InputChannels { get; set; }
    public int InputHeight { get; set; }
    public int InputWidth { get; set; }

    /// <summary>SHA-256 of the ONNX file, so two replicas can tell they serve the same bytes.</summary>
    public required byte[] FileSha256 { get; set; }

    /// <summary>Where it came from: "trained" by Hydra or "imported" from elsewhere.</summary>
    public required string Origin { get; set; }

    public ModelFile? File { get; set; }
    public List<ModelThreshold> Thresholds { get; } = [];
}

/// <summary>The ONNX bytes, apart from the version row so listing models stays light.</summary>
public sealed class ModelFile
{
    public Guid ModelId { get; set; }
    public required byte[] Onnx { get; set; }
}
