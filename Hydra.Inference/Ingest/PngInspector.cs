using System.Buffers.Binary;
using Hydra.Models;
using Hydra.Models.Imaging;
using SkiaSharp;

namespace Hydra.Inference.Ingest;

/// <summary>
/// Decides whether bytes are a PNG Hydra can use, cheapest test first: the signature, then the
/// dimensions declared in the header (so a 100,000 x 100,000 "bomb" is refused before a single
/// pixel is inflated), then a full decode, which catches truncated and corrupt data.
/// </summary>
public static class PngInspector
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public readonly record struct PngSize(int Width, int Height);

    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    public static PngSize Inspect(byte[] bytes, int maxSide, out IngestError? error) =>
        Inspect(bytes, maxSide, prepareFor: null, out _, out error);

    /// <summary>
    /// As <see cref="Inspect(byte[], int, out IngestError?)"/>; when <paramref name="prepareFor"/> is
    /// given and the image is plot-sized, the decode that proves the PNG complete also yields the
    /// model's input tensor (<see cref="PlotImage"/>), so the classifier need not decode it again.
    /// </summary>
    public static PngSize Inspect(byte[] bytes, int maxSide, ImageShape? prepareFor, out float[]? prepared, out IngestError? error)
    {
        prepared = null;
        if (!HasSignature(bytes))
        {
            error = new(IngestErrorKind.NotPng, "not a PNG: the file does not start with the PNG signature");
            return default;
        }

        // Signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4).
        if (bytes.Length < 24 || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            error = new(IngestErrorKind.Undecodable, "the PNG has no IHDR header: truncated or corrupt");
            return default;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20, 4));
        if (width == 0 || height == 0 || width > maxSide || height > maxSide)
        {
            error = new(IngestErrorKind.AbsurdDimensions,
                $"the PNG declares {width} x {height} pixels; Hydra takes 1 to {maxSide} pixels per side");
            return default;
        }

        var decodes = prepareFor is not null && (long)width * height <= MaxPreparedPixels
            ? TryPrepare(bytes, prepareFor, out prepared)
            : Decodes(bytes);
        if (!decodes)
        {
            error = new(IngestErrorKind.Undecodable, "the PNG cannot be decoded: truncated or corrupt image data");
            return default;
        }

        error = null;
        return new PngSize((int)width, (int)height);
    }

    /// <summary>A whole decoded image is held in memory to prepare it: 4 bytes a pixel, so at most 64 MB here (a mon12 plot has 1.3 million pixels).</summary>
    private const long MaxPreparedPixels = 16L * 1024 * 1024;

    private static bool TryPrepare(byte[] bytes, ImageShape shape, out float[]? prepared)
    {
        try
        {
            prepared = PlotImage.ToTensor(bytes, shape);
            return true;
        }
        catch (ImageDecodeException)
        {
            prepared = null;
            return false;
        }
    }

    /// <summary>
    /// Decodes row by row into one reused row buffer: memory stays one row wide whatever the image,
    /// and a truncated file shows up as fewer rows than declared.
    /// </summary>
    private static unsafe bool Decodes(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null) return false;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var start = codec.StartScanlineDecode(info);
        if (start == SKCodecResult.Unimplemented) return DecodesWhole(codec, info); // interlaced PNGs
        if (start != SKCodecResult.Success) return false;

        var row = new byte[info.RowBytes];
        fixed (byte* pointer = row)
        {
            for (var y = 0; y < info.Height; y++)
            {
                if (codec.GetScanlines((IntPtr)pointer, 1, info.RowBytes) != 1) return false;
            }
        }
        return true;
    }

    private static bool DecodesWhole(SKCodec codec, SKImageInfo info)
    {
        using var bitmap = new SKBitmap(info);
        return codec.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success;
    }
}
