using Hydra.Inference.Data;
using Hydra.Inference.Models;
using Hydra.Models;
using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using SkiaSharp;

namespace Hydra.Bench.Pipeline;

/// <summary>800x600 plot-like PNGs (bars over a frame, noise so they compress like real plots) and a small model.</summary>
public static class BenchImages
{
    /// <summary>The served model's input, 1 x 72 x 96 grey: a plot shrunk 8x, still showing a dead sector.</summary>
    public const int ModelHeight = 72, ModelWidth = 96;

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

    public static ModelVersion Model(int plotTypeId)
    {
        var network = CamNetwork.CreateRandom(7, new ImageShape(1, ModelHeight, ModelWidth), ["Good", "Bad", "NoData"], [8, 16]);
        var onnx = CamNetworkOnnx.Export(network);
        return new ModelVersion
        {
            Id = Guid.NewGuid(), PlotTypeId = plotTypeId, Name = "bench", CreatedAt = DateTimeOffset.UtcNow, Labels = ["Good", "Bad", "NoData"],
            InputChannels = 1, InputHeight = ModelHeight, InputWidth = ModelWidth, FileSha256 = System.Security.Cryptography.SHA256.HashData(onnx),
            Origin = "trained", File = new ModelFile { Onnx = onnx },
        };
    }
}
