using SkiaSharp;

namespace Hydra.Iolaus.Histograms;

/// <summary>
/// A colour scale for 2-D pads, interpolated between stops and precomputed into 256 entries so a
/// colour map of 40,000 bins costs one table lookup per bin.
/// </summary>
public sealed class Palette
{
    private readonly SKColor[] _table = new SKColor[256];

    private Palette(params SKColor[] stops)
    {
        for (var i = 0; i < _table.Length; i++)
        {
            var position = i / 255.0 * (stops.Length - 1);
            var low = Math.Min((int)position, stops.Length - 2);
            var t = position - low;
            SKColor a = stops[low], b = stops[low + 1];
            _table[i] = new SKColor(Lerp(a.Red, b.Red, t), Lerp(a.Green, b.Green, t), Lerp(a.Blue, b.Blue, t));
        }
    }

    /// <summary>The colour at a fraction 0..1 of the Z range.</summary>
    public SKColor At(double fraction) => _table[Math.Clamp((int)(fraction * 255), 0, 255)];

    /// <summary>groot's kDefault as mon12 shows it: dark blue through cyan and green to yellow and red.</summary>
    public static Palette Default { get; } = new(new(0x1E, 0x1E, 0x8C), new(0x1E, 0x64, 0xDC), new(0x28, 0xC8, 0xDC),
        new(0x50, 0xDC, 0x50), new(0xF0, 0xE6, 0x28), new(0xF0, 0x8C, 0x1E), new(0xC8, 0x1E, 0x1E));

    /// <summary>groot's kRainBow (RICH pixel map).</summary>
    public static Palette RainBow { get; } = new(new(0x6E, 0x00, 0xA0), new(0x00, 0x00, 0xFF), new(0x00, 0xC8, 0xFF),
        new(0x00, 0xC8, 0x00), new(0xFF, 0xFF, 0x00), new(0xFF, 0x00, 0x00));

    /// <summary>groot's kAvocado (HEL board correlation).</summary>
    public static Palette Avocado { get; } = new(new(0x00, 0x28, 0x00), new(0x3C, 0x78, 0x28), new(0x96, 0xC8, 0x50), new(0xF0, 0xFF, 0xC8));

    private static byte Lerp(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);
}
