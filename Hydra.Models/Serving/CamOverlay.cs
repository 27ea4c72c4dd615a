using SkiaSharp;

namespace Hydra.Models.Serving;

/// <summary>
/// Draws a class activation map as a transparent heat map the size of the plot, to lay over it in
/// the page: colour and opacity both grow with the (normalised, positive) activation, so where the
/// network saw nothing the plot shows through untouched.
/// </summary>
public static class CamOverlay
{
    /// <summary>Opacity at the strongest activation: strong enough to see, weak enough to read the plot beneath.</summary>
    public const float MaxOpacity = 0.85f;

    public static byte[] RenderPng(CamMap cam, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(cam);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        var map = cam.Normalized();
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var pixmap = bitmap.PeekPixels();
        var pixels = pixmap.GetPixelSpan<byte>();
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var t = Sample(map, x, y, width, height);
            var (r, g, b) = HeatPalette.At(t);
            var i = 4 * (y * width + x);
            pixels[i] = r;
            pixels[i + 1] = g;
            pixels[i + 2] = b;
            pixels[i + 3] = (byte)MathF.Round(255 * MaxOpacity * t);
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("The PNG encoder returned nothing.");
        return png.ToArray();
    }

    /// <summary>
    /// Bilinear sample at an output pixel's centre, with map cells centred like pixels (the
    /// "align corners = false" convention of image resizers), clamped at the edges.
    /// </summary>
    private static float Sample(CamMap map, int x, int y, int width, int height)
    {
        var u = Math.Clamp((x + 0.5f) * map.Width / width - 0.5f, 0f, map.Width - 1);
        var v = Math.Clamp((y + 0.5f) * map.Height / height - 0.5f, 0f, map.Height - 1);
        int x0 = (int)u, y0 = (int)v;
        int x1 = Math.Min(x0 + 1, map.Width - 1), y1 = Math.Min(y0 + 1, map.Height - 1);
        float fx = u - x0, fy = v - y0;
        var top = map[x0, y0] + (map[x1, y0] - map[x0, y0]) * fx;
        var bottom = map[x0, y1] + (map[x1, y1] - map[x0, y1]) * fx;
        return top + (bottom - top) * fy;
    }
}
