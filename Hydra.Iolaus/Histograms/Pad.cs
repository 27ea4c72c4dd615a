using Hydra.Core.Plots;
using SkiaSharp;

namespace Hydra.Iolaus.Histograms;

/// <summary>
/// One pad of a mon12 canvas: a histogram, how it is drawn (log scales, fixed Z range, fill colour,
/// palette, reference lines), and which detector coordinates its bins stand for.
/// </summary>
public sealed record Pad(Histogram Histogram)
{
    public bool LogY { get; init; }
    public bool LogZ { get; init; } = true;
    public double? ZMin { get; init; }
    public double? ZMax { get; init; }
    public SKColor Fill { get; init; } = GrootColors.Fill3;
    public Palette Palette { get; init; } = Palette.Default;
    public IReadOnlyList<double> VerticalLines { get; init; } = [];
    public ChannelMap? Map { get; init; }

    /// <summary>An extra H1F drawn over the first (mon12 overlays leading and trailing edges).</summary>
    public H1F? Overlay { get; init; }
    public SKColor OverlayFill { get; init; } = GrootColors.Fill29;
}

/// <summary>A few of groot's indexed fill colours, as mon12 uses them.</summary>
public static class GrootColors
{
    public static readonly SKColor Fill3 = new(0x50, 0x8C, 0xC8);   // blue-grey: the default 1-D fill
    public static readonly SKColor Fill4 = new(0x3C, 0x64, 0xB4);
    public static readonly SKColor Fill5 = new(0xE6, 0xC8, 0x3C);
    public static readonly SKColor Fill22 = new(0xC8, 0x50, 0x50);
    public static readonly SKColor Fill24 = new(0x78, 0xB4, 0x64);
    public static readonly SKColor Fill25 = new(0x64, 0x8C, 0xDC);
    public static readonly SKColor Fill29 = new(0xDC, 0x8C, 0x46);
    public static readonly SKColor Fill33 = new(0x5A, 0xA0, 0xD2);
    public static readonly SKColor Fill34 = new(0x8C, 0x64, 0xC8);
    public static readonly SKColor Fill36 = new(0xD2, 0x78, 0x5A);
    public static readonly SKColor Fill38 = new(0x46, 0xA0, 0x8C);
    public static readonly SKColor Fill44 = new(0x64, 0xB4, 0xB4);
    public static readonly SKColor Line = new(0xD0, 0x20, 0x20);
}
