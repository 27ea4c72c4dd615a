namespace Hydra.Models.Serving;

/// <summary>
/// Matplotlib's "inferno" colour map, sampled at ten stops and interpolated linearly. Chosen over
/// jet because its brightness rises steadily (a stronger activation always looks stronger, also to
/// colour-blind shifters and in grey print) and its hues are rare in mon12's own colour maps.
/// </summary>
internal static class HeatPalette
{
    private static readonly (byte R, byte G, byte B)[] Stops =
    [
        (0x00, 0x00, 0x04), (0x1B, 0x0C, 0x41), (0x4A, 0x0C, 0x6B), (0x78, 0x1C, 0x6D), (0xA5, 0x2C, 0x60),
        (0xCF, 0x44, 0x46), (0xED, 0x69, 0x25), (0xFB, 0x9B, 0x06), (0xF7, 0xD1, 0x3D), (0xFC, 0xFF, 0xA4),
    ];

    /// <summary>The colour of an intensity in 0..1 (clamped).</summary>
    public static (byte R, byte G, byte B) At(float t)
    {
        var position = Math.Clamp(t, 0f, 1f) * (Stops.Length - 1);
        var lower = Math.Min((int)position, Stops.Length - 2);
        var f = position - lower;
        var (a, b) = (Stops[lower], Stops[lower + 1]);
        return (Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    private static byte Mix(byte a, byte b, float f) => (byte)MathF.Round(a + (b - a) * f);
}
