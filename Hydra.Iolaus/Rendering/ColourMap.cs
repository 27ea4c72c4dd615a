using Hydra.Iolaus.Histograms;
using SkiaSharp;

namespace Hydra.Iolaus.Rendering;

/// <summary>2-D pads: bins as colours (empty bins stay white, as in groot) and the palette bar.</summary>
internal static class ColourMap
{
    public static (double Min, double Max) Range(H2F histogram, Pad pad)
    {
        var positive = histogram.Content.Where(v => v > 0).DefaultIfEmpty(1).ToArray();
        var max = pad.ZMax ?? Math.Max(positive.Max(), 1e-9);
        var min = pad.ZMin ?? (pad.LogZ ? Math.Min(positive.Min(), max) : 0);
        if (pad.LogZ && min <= 0) min = Math.Max(max * 1e-3, 1e-3);
        if (max <= min) max = min * 10;
        return (min, max);
    }

    public static void Draw(SKCanvas canvas, H2F histogram, Pad pad, SKRect frame, double zMin, double zMax)
    {
        // One pixel per bin, then scaled into the frame with nearest-neighbour sampling: sharp bin
        // edges and one draw call however many bins there are.
        using var bins = new SKBitmap(histogram.X.Bins, histogram.Y.Bins, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new SKColor[histogram.X.Bins * histogram.Y.Bins];
        for (var y = 0; y < histogram.Y.Bins; y++)
        {
            var row = (histogram.Y.Bins - 1 - y) * histogram.X.Bins; // bitmap rows run top-down, y bins bottom-up
            for (var x = 0; x < histogram.X.Bins; x++)
            {
                var value = histogram[x, y];
                pixels[row + x] = value <= 0 ? SKColors.White : pad.Palette.At(Fraction(value, zMin, zMax, pad.LogZ));
            }
        }
        bins.Pixels = pixels;
        using var image = SKImage.FromBitmap(bins);
        canvas.DrawImage(image, frame, new SKSamplingOptions(SKFilterMode.Nearest));
    }

    public static void DrawBar(SKCanvas canvas, Pad pad, SKRect frame, double zMin, double zMax)
    {
        var bar = SKRect.Create(frame.Right + 8, frame.Top, 12, frame.Height);
        using var paint = new SKPaint { IsAntialias = false };
        for (var i = 0; i < (int)bar.Height; i++)
        {
            paint.Color = pad.Palette.At(1 - i / bar.Height);
            canvas.DrawRect(bar.Left, bar.Top + i, bar.Width, 1, paint);
        }
        PlotRenderer.DrawText(canvas, Ticks.Format(zMax), bar.Right + 2, bar.Top + 9, 10, SKTextAlign.Left);
        PlotRenderer.DrawText(canvas, Ticks.Format(zMin), bar.Right + 2, bar.Bottom, 10, SKTextAlign.Left);
    }

    private static double Fraction(double value, double min, double max, bool log) => log
        ? (Math.Log(Math.Max(value, min)) - Math.Log(min)) / (Math.Log(max) - Math.Log(min))
        : (value - min) / (max - min);
}
