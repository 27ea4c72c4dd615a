using SkiaSharp;

namespace Hydra.Inference.Tests;

/// <summary>Small PNGs made in the test: distinct bytes per <c>salt</c>, so each is a new image.</summary>
public static class TestPngs
{
    public static byte[] Grey(byte level, int salt = 0, int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(level, level, level));
        // One pixel carries the salt: a different image to the hash, the same picture to a model.
        bitmap.SetPixel(salt % width, salt / width % height, new SKColor((byte)(level ^ 1), level, level));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A valid PNG signature and IHDR that declares a giant image (a decompression bomb's header).</summary>
    public static byte[] DeclaringSize(uint width, uint height)
    {
        var png = Grey(10);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16, 4), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20, 4), height);
        return png;
    }
}
