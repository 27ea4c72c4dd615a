using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Hydra.Models;
using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using SkiaSharp;

namespace Hydra.Bench;

/// <summary>800x600 plot-like PNGs (bars over a frame, noise so they compress like real plots) and a small model.</summary>
public static class BenchImages
{
    /// <summary>The served model's input, 1 x 72 x 96 grey: a plot shrunk 8x, still showing a dead sector.</summary>
    public const int ModelHeight = 72, ModelWidth = 96;

    public static readonly string[] ModelLabels = ["Good", "Bad", "NoData"];

    public static byte[] Plot(int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(800, 600, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var frame = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var bar = new SKPaint { Color = new SKColor(255, 165, 0) };
        canvas.DrawRect(60, 40, 700, 500, frame);
        for (var x = 0; x < 140; x++)
        {
            var height = (float)(300 * Math.Exp(-x / 60.0) + random.Next(0, 60));
            canvas.DrawRect(61 + x * 5, 540 - height, 4, height, bar);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// The same picture with other bytes: a PNG text chunk (<c>tEXt</c>, after the header) carrying
    /// <paramref name="tag"/>. Ingest is idempotent by content hash, so a source sending the same plot
    /// every cycle needs distinct bytes; decoding, and so the pipeline's work, stays the same, and no
    /// PNG has to be encoded while a benchmark measures.
    /// </summary>
    public static byte[] Tagged(byte[] png, string tag)
    {
        const int headerEnd = 8 + 4 + 4 + 13 + 4; // signature, then IHDR: length, type, 13 bytes, CRC
        var data = Encoding.Latin1.GetBytes("Comment\0" + tag);
        var chunk = new byte[4 + 4 + data.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        "tEXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return [.. png.AsSpan(0, headerEnd), .. chunk, .. png.AsSpan(headerEnd)];
    }

    /// <summary>A random (untrained) CAM network at <see cref="ModelHeight"/> x <see cref="ModelWidth"/>, as ONNX (cam-v1): it costs what a trained one costs.</summary>
    public static byte[] Onnx() =>
        CamNetworkOnnx.Export(CamNetwork.CreateRandom(7, new ImageShape(1, ModelHeight, ModelWidth), ModelLabels, [8, 16]));
}
