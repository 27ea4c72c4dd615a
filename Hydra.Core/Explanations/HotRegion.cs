using Hydra.Core.Plots;

namespace Hydra.Core.Explanations;

/// <summary>
/// One hot region of a verdict's class activation map, said in the detector's words: which pad of
/// the plot, which sectors, layers and component range, and which crates and slots read them out.
/// </summary>
/// <param name="Weight">The region's share of the map's total positive activation (0..1).</param>
/// <param name="Pixels">The region on the image, in pixels.</param>
public sealed record HotRegion(
    double Weight,
    PixelRect Pixels,
    int? Pad,
    string? PadTitle,
    string? Detector,
    IReadOnlyList<int> Sectors,
    IReadOnlyList<int> Layers,
    int? FirstComponent,
    int? LastComponent,
    IReadOnlyList<CrateSlot> Electronics,
    string Summary);

public readonly record struct CrateSlot(int Crate, int Slot);
