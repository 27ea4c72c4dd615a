using System.Globalization;
using Hydra.Core.Plots;
using SkiaSharp;

namespace Hydra.Iolaus.Rendering;

/// <summary>Axis ticks at "nice" values (1, 2, 5 x 10^n), or at decades on a log axis.</summary>
internal static class Ticks
{
    public static void DrawX(SKCanvas canvas, AxisLayout axis, SKRect frame)
    {
        using var paint = new SKPaint { Color = PlotRenderer.Ink, StrokeWidth = 1, IsAntialias = false };
        foreach (var value in Values(axis.Min, axis.Max, axis.Log, Math.Max(2, (int)(frame.Width / 70))))
        {
            var x = frame.Left + (float)Position(value, axis.Min, axis.Max, axis.Log) * frame.Width;
            canvas.DrawLine(x, frame.Bottom, x, frame.Bottom - 5, paint);
            PlotRenderer.DrawText(canvas, Format(value), x, frame.Bottom + 14, 11, SKTextAlign.Center);
        }
    }

    public static void DrawY(SKCanvas canvas, AxisLayout axis, SKRect frame)
    {
        using var paint = new SKPaint { Color = PlotRenderer.Ink, StrokeWidth = 1, IsAntialias = false };
        foreach (var value in Values(axis.Min, axis.Max, axis.Log, Math.Max(2, (int)(frame.Height / 40))))
        {
            var y = frame.Bottom - (float)Position(value, axis.Min, axis.Max, axis.Log) * frame.Height;
            canvas.DrawLine(frame.Left, y, frame.Left + 5, y, paint);
            PlotRenderer.DrawText(canvas, Format(value), frame.Left - 4, y + 4, 11, SKTextAlign.Right);
        }
    }

    public static IEnumerable<double> Values(double min, double max, bool log, int count)
    {
        if (log && min > 0)
        {
            for (var decade = Math.Ceiling(Math.Log10(min)); decade <= Math.Log10(max); decade++) yield return Math.Pow(10, decade);
            yield break;
        }
        var raw = (max - min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (var value = Math.Ceiling(min / step) * step; value <= max + step * 1e-9; value += step)
        {
            yield return Math.Abs(value) < step * 1e-9 ? 0 : value;
        }
    }

    public static string Format(double value) => Math.Abs(value) switch
    {
        >= 1e5 => value.ToString("0.#E0", CultureInfo.InvariantCulture),
        >= 10 or 0 => value.ToString("0.#", CultureInfo.InvariantCulture),
        >= 0.01 => value.ToString("0.###", CultureInfo.InvariantCulture),
        _ => value.ToString("0.#E0", CultureInfo.InvariantCulture),
    };

    private static double Position(double value, double min, double max, bool log) =>
        log && min > 0 ? (Math.Log(value) - Math.Log(min)) / (Math.Log(max) - Math.Log(min)) : (value - min) / (max - min);
}
