using SkiaSharp;

namespace Hydra.Inference.Tests;

/// <summary>
/// Plot-like PNGs whose look a test chooses: a noisy background with a bright band across the
/// top or down the left side (two "islands" of run conditions), different bytes per salt.
/// </summary>
public static class PatternPngs
{
    public static byte[] Banded(bool horizontal, int salt, int width = 96, int height = 72)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var random = new Random(salt);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inBand = horizontal ? y < height / 3 : x < width / 3;
                var level = (byte)Math.Clamp((inBand ? 220 : 40) + random.Next(-20, 21), 0, 255);
                bitmap.SetPixel(x, y, inBand ? new SKColor(level, (byte)(level / 2), 30) : new SKColor(20, 30, level));
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
