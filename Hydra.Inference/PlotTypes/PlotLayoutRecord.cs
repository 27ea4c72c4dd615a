namespace Hydra.Inference.PlotTypes;

/// <summary>
/// A plot type's layout metadata (<see cref="Hydra.Core.Plots.PlotLayout"/> as JSON): which pixel is
/// which pad, bin and detector channel. The monitoring source that draws the plot knows it and sends
/// it (Iolaus does with its first image); explanations need it to name channels instead of pixels.
/// </summary>
public sealed class PlotLayoutRecord
{
    public int PlotTypeId { get; set; }
    public required string Layout { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
