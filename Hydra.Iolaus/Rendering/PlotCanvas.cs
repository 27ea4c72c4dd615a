using Hydra.Iolaus.Histograms;

namespace Hydra.Iolaus.Rendering;

/// <summary>
/// One saved mon12 image before it is drawn: its name (<c>ECAL_adcOccupancy</c>), the groot
/// <c>divide(cols, rows)</c> grid and the pads in row-major order from the top left.
/// </summary>
public sealed record PlotCanvas(string Name, int Rows, int Columns, IReadOnlyList<Pad?> Pads)
{
    /// <summary>mon12 saves the on-screen canvas, about 1590 x 820 px in the default window.</summary>
    public const int DefaultWidth = 1590;
    public const int DefaultHeight = 820;
}
