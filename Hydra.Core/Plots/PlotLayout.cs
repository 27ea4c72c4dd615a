using Hydra.Core.Detectors;

namespace Hydra.Core.Plots;

/// <summary>
/// Where everything is on a rendered monitoring image: each pad's pixel rectangle, its histogram
/// axes, and how a bin maps to detector coordinates. With it any pixel of a GradCAM hot spot can
/// be named ("ECAL sector 2, PCAL U strips 17-32") and, through the translation table, blamed on
/// a crate and slot.
/// </summary>
public sealed record PlotLayout(string Plot, int Width, int Height, IReadOnlyList<PadLayout> Pads)
{
    /// <summary>What is under a pixel: the pad, the axis values and bins, and the detector channel if the pad maps to one.</summary>
    public PlotLocation? Locate(int x, int y)
    {
        foreach (var pad in Pads)
        {
            var frame = pad.Frame;
            if (x < frame.X || x >= frame.X + frame.Width || y < frame.Y || y >= frame.Y + frame.Height) continue;
            var xFraction = (x + 0.5 - frame.X) / frame.Width;
            var yFraction = 1 - (y + 0.5 - frame.Y) / frame.Height;
            var xBin = pad.X.BinAt(xFraction);
            var yBin = pad.Y.BinAt(yFraction);
            return new PlotLocation(pad.Index, pad.X.ValueAt(xFraction), pad.Y.ValueAt(yFraction), xBin, yBin, pad.Map?.ChannelAt(xBin, yBin));
        }
        return null;
    }
}

public readonly record struct PixelRect(int X, int Y, int Width, int Height);

/// <summary>One pad: its whole area, the frame where the histogram is drawn, and its axes.</summary>
public sealed record PadLayout(int Index, string Title, string Kind, PixelRect Area, PixelRect Frame, AxisLayout X, AxisLayout Y, bool LogZ, ChannelMap? Map);

/// <summary>An axis as drawn: bins over [Min, Max], linear or log.</summary>
public sealed record AxisLayout(string Title, int Bins, double Min, double Max, bool Log = false)
{
    /// <summary>The axis value at a fraction (0..1) of the frame, honouring a log scale.</summary>
    public double ValueAt(double fraction) => Log && Min > 0
        ? Math.Exp(Math.Log(Min) + fraction * (Math.Log(Max) - Math.Log(Min)))
        : Min + fraction * (Max - Min);

    /// <summary>The 0-based bin under a fraction of the frame (bins are equal in value, so log axes are read by value).</summary>
    public int BinAt(double fraction) => Math.Clamp((int)Math.Floor((ValueAt(fraction) - Min) / (Max - Min) * Bins), 0, Bins - 1);
}

/// <summary>The detector coordinates a pad's bins stand for.</summary>
public sealed record ChannelMap(string Detector, Coordinate Sector, Coordinate Layer, Coordinate Component, Coordinate Side)
{
    public DetectorChannel? ChannelAt(int xBin, int yBin)
    {
        var channel = new DetectorChannel(Sector.ValueAt(xBin, yBin), Layer.ValueAt(xBin, yBin), Component.ValueAt(xBin, yBin), Side.ValueAt(xBin, yBin));
        return Clas12.Get(Detector).Contains(channel) ? channel : null;
    }
}

/// <summary>
/// One detector coordinate of a pad: a constant (the pad is "layer 3"), or read off a bin number
/// (value = Start + bin), with mon12's packings undone: y = (sector-1)*3 + layer is read as
/// sector = Divide 3 and layer = Modulo 3; Offset is added last (side 0/1 from Modulo 2, Offset -1).
/// </summary>
public sealed record Coordinate(int Constant = 0, char Axis = ' ', int Start = 1, int Divide = 0, int Modulo = 0, int Offset = 0)
{
    public static Coordinate Fixed(int value) => new(Constant: value);
    public static Coordinate FromX(int start = 1) => new(Axis: 'x', Start: start);
    public static Coordinate FromY(int start = 1) => new(Axis: 'y', Start: start);

    public int ValueAt(int xBin, int yBin)
    {
        if (Axis == ' ') return Constant;
        var value = Start + (Axis == 'x' ? xBin : yBin);
        if (Divide > 0) value = (value - 1) / Divide + 1;
        if (Modulo > 0) value = (value - 1) % Modulo + 1;
        return value + Offset;
    }
}

public sealed record PlotLocation(int Pad, double X, double Y, int XBin, int YBin, DetectorChannel? Channel);
