using Hydra.Core.Plots;
using Hydra.Iolaus.Histograms;
using SkiaSharp;

namespace Hydra.Iolaus.Rendering;

/// <summary>
/// Draws a <see cref="PlotCanvas"/> the way groot draws mon12's canvases (white pads, framed
/// histograms, log colour maps with a palette bar) and reports where each pad went. Written by hand
/// on SkiaSharp because no charting library gives both groot's look and the exact pixel geometry
/// the explanations need, at ~10 ms a plot.
/// </summary>
public sealed class PlotRenderer(int width = PlotCanvas.DefaultWidth, int height = PlotCanvas.DefaultHeight)
{
    private const int MarginLeft = 62, MarginRight1D = 14, MarginRight2D = 58, MarginTop = 24, MarginBottom = 40;

    private static readonly SKTypeface Typeface = LoadTypeface();
    internal static readonly SKColor Ink = new(0x20, 0x20, 0x20);

    public RenderedPlot Render(PlotCanvas canvas)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = new SKCanvas(bitmap);
        surface.Clear(SKColors.White);

        var pads = new List<PadLayout>();
        for (var i = 0; i < canvas.Pads.Count; i++)
        {
            var pad = canvas.Pads[i];
            if (pad is null) continue;
            var area = AreaOf(i, canvas.Rows, canvas.Columns);
            pads.Add(DrawPad(surface, i, pad, area));
        }

        // Sub filter and zlib level 1: a third of the time of AllFilters/level 4 (measured with
        // bench/Hydra.Bench) for files of ~100 kB, about what mon12 writes.
        using var pixels = bitmap.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException($"{canvas.Name}: the PNG encoder returned nothing");
        return new RenderedPlot(canvas.Name, png.ToArray(), new PlotLayout(canvas.Name, width, height, pads));
    }

    private PixelRect AreaOf(int index, int rows, int columns)
    {
        int row = index / columns, column = index % columns;
        int x0 = column * width / columns, x1 = (column + 1) * width / columns;
        int y0 = row * height / rows, y1 = (row + 1) * height / rows;
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    private static PadLayout DrawPad(SKCanvas canvas, int index, Pad pad, PixelRect area)
    {
        var is2D = pad.Histogram is H2F;
        var frame = new PixelRect(area.X + MarginLeft, area.Y + MarginTop,
            area.Width - MarginLeft - (is2D ? MarginRight2D : MarginRight1D), area.Height - MarginTop - MarginBottom);
        var frameRect = SKRect.Create(frame.X, frame.Y, frame.Width, frame.Height);

        DrawText(canvas, pad.Histogram.Title, area.X + area.Width / 2f, area.Y + 17, 13, SKTextAlign.Center);

        AxisLayout xAxis, yAxis;
        if (pad.Histogram is H2F h2)
        {
            var (zMin, zMax) = ColourMap.Range(h2, pad);
            ColourMap.Draw(canvas, h2, pad, frameRect, zMin, zMax);
            ColourMap.DrawBar(canvas, pad, frameRect, zMin, zMax);
            xAxis = new AxisLayout(h2.X.Title, h2.X.Bins, h2.X.Min, h2.X.Max);
            yAxis = new AxisLayout(h2.Y.Title, h2.Y.Bins, h2.Y.Min, h2.Y.Max);
        }
        else
        {
            var h1 = (H1F)pad.Histogram;
            var (yMin, yMax) = Bars.Range(h1, pad);
            Bars.Draw(canvas, h1, pad.Fill, frameRect, yMin, yMax, pad.LogY);
            if (pad.Overlay is not null) Bars.Draw(canvas, pad.Overlay, pad.OverlayFill, frameRect, yMin, yMax, pad.LogY);
            xAxis = new AxisLayout(h1.X.Title, h1.X.Bins, h1.X.Min, h1.X.Max);
            yAxis = new AxisLayout(h1.YTitle, 1, yMin, yMax, pad.LogY);
        }

        foreach (var line in pad.VerticalLines)
        {
            var x = frameRect.Left + (float)((line - xAxis.Min) / (xAxis.Max - xAxis.Min)) * frameRect.Width;
            if (x >= frameRect.Left && x <= frameRect.Right)
            {
                using var red = new SKPaint { Color = GrootColors.Line, StrokeWidth = 2, IsAntialias = false };
                canvas.DrawLine(x, frameRect.Top, x, frameRect.Bottom, red);
            }
        }

        using (var frameInk = new SKPaint { Color = Ink, Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = false })
        {
            canvas.DrawRect(frameRect, frameInk);
        }
        Ticks.DrawX(canvas, xAxis, frameRect);
        Ticks.DrawY(canvas, yAxis, frameRect);
        DrawText(canvas, xAxis.Title, frameRect.MidX, area.Y + area.Height - 6, 12, SKTextAlign.Center);
        if (yAxis.Title.Length > 0)
        {
            canvas.Save();
            canvas.RotateDegrees(-90, area.X + 13, frameRect.MidY);
            DrawText(canvas, yAxis.Title, area.X + 13, frameRect.MidY + 4, 12, SKTextAlign.Center);
            canvas.Restore();
        }

        return new PadLayout(index, pad.Histogram.Title, is2D ? "H2F" : "H1F", area, frame, xAxis, yAxis, is2D && pad.LogZ, pad.Map);
    }

    internal static void DrawText(SKCanvas canvas, string text, float x, float y, float size, SKTextAlign align)
    {
        if (string.IsNullOrEmpty(text)) return;
        using var font = new SKFont(Typeface, size);
        using var paint = new SKPaint { Color = Ink, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }

    // DejaVu Sans from Debian's fonts-dejavu-core when present: the same font on every machine
    // means the same pixels for the same seed. Skia's default face is the fallback.
    private static SKTypeface LoadTypeface()
    {
        const string dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        return File.Exists(dejaVu) ? SKTypeface.FromFile(dejaVu) : SKTypeface.Default;
    }
}

/// <summary>A rendered image: its PNG bytes and where everything is on it.</summary>
public sealed record RenderedPlot(string Name, byte[] Png, PlotLayout Layout);
