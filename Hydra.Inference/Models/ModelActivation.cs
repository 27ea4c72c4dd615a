namespace Hydra.Inference.Models;

/// <summary>
/// One change of a plot type's active model (null = none). Rolling back re-activates the model
/// that was active before the current one, as this history says.
/// </summary>
public sealed class ModelActivation
{
    public long Id { get; set; }
    public int PlotTypeId { get; set; }
    public Guid? ModelId { get; set; }
    public DateTimeOffset ActivatedAt { get; set; }
    public required string ActivatedBy { get; set; }
}
