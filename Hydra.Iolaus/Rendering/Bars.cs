using Hydra.Iolaus.Histograms;
using SkiaSharp;

namespace Hydra.Iolaus.Rendering;

/// <summary>1-D pads: filled bars from the baseline, as groot draws an H1F with a fill colour.</summary>
internal static class Bars
{
    public static (double Min, double Max) Range(H1F histogram, Pad pad)
    {
        var max = Math.Max(histogram.MaxContent, pad.Overlay?.MaxContent ?? 0);
        if (pad.LogY)
        {
            var positive = histogram.Content.Where(v => v > 0).DefaultIfEmpty(1).Min();
            return (Math.Max(Math.Min(positive, 1) * 0.5, 0.1), Math.Max(max, 1) * 3);
        }
        return (0, max <= 0 ? 1 : max * 1.1);
    }

    public static void Draw(SKCanvas canvas, H1F histogram, SKColor fill, SKRect frame, double min, double max, bool log)
    {
        using var paint = new SKPaint { Color = fill, IsAntialias = false };
        using var edge = new SKPaint { Color = fill.WithAlpha(255).Darker(), Style = SKPaintStyle.Stroke, IsAntialias = false };
        var binWidth = frame.Width / histogram.X.Bins;
        for (var i = 0; i < histogram.X.Bins; i++)
        {
            var value = histogram.Content[i];
            if (value <= 0 || (log && value < min)) continue;
            var fraction = log ? (Math.Log(value) - Math.Log(min)) / (Math.Log(max) - Math.Log(min)) : (value - min) / (max - min);
            var top = frame.Bottom - (float)Math.Clamp(fraction, 0, 1) * frame.Height;
            var rect = new SKRect(frame.Left + i * binWidth, top, frame.Left + (i + 1) * binWidth, frame.Bottom);
            canvas.DrawRect(rect, paint);
            if (binWidth >= 3) canvas.DrawRect(rect, edge);
        }
    }

    private static SKColor Darker(this SKColor color) => new((byte)(color.Red * 0.7), (byte)(color.Green * 0.7), (byte)(color.Blue * 0.7));
}
