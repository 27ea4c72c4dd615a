using Google.Protobuf;
using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using Hydra.Models.Serving;
using Onnx;
using SkiaSharp;

namespace Hydra.Models.Tests;

/// <summary>Small networks, batches, model edits and PNGs the tests share.</summary>
internal static class TestModels
{
    public static readonly string[] Labels = ["Good", "Bad", "NoData"];

    /// <summary>The committed default models' files (copied beside the tests), and at least a dozen of them, or the test has nothing to check.</summary>
    public static string[] DefaultModelFiles(string pattern)
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DefaultModels"), pattern);
        Assert.True(files.Length >= 12, $"only {files.Length} default model files ({pattern}) found");
        return files;
    }

    /// <summary>Taller than wide, so a swapped height and width cannot pass unnoticed.</summary>
    public static CamNetwork Network(int channels = 1, bool maxPool = true, int seed = 7, int height = 24, int width = 20, CamPooling pooling = CamPooling.Mean) =>
        CamNetwork.CreateRandom(seed, new ImageShape(channels, height, width), Labels, [6, 8], maxPool: maxPool, pooling: pooling);

    public static PlotModel Load(CamNetwork network) => PlotModel.Load(CamNetworkOnnx.Export(network));

    /// <summary>Pixels / 255 drawn uniformly, as a real plot's tensor would lie.</summary>
    public static float[] Batch(int seed, int images, ImageShape shape)
    {
        var random = new Random(seed);
        var batch = new float[images * shape.Length];
        for (var i = 0; i < batch.Length; i++) batch[i] = random.Next(256) / 255f;
        return batch;
    }

    /// <summary>An exported model changed the way a careless exporter might have written it.</summary>
    public static byte[] Edited(CamNetwork network, Action<ModelProto> edit)
    {
        var model = ModelProto.Parser.ParseFrom(CamNetworkOnnx.Export(network));
        edit(model);
        return model.ToByteArray();
    }

    public static void SetMetadata(ModelProto model, string key, string? value)
    {
        var existing = model.MetadataProps.FirstOrDefault(p => p.Key == key);
        if (existing is not null) model.MetadataProps.Remove(existing);
        if (value is not null) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>A plot-like PNG: a white canvas with coloured shapes, different per seed.</summary>
    public static byte[] PlotPng(int seed, int width = 160, int height = 120)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 6; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawRect(random.Next(width), random.Next(height), random.Next(10, width / 2), random.Next(10, height / 2), paint);
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(4, 20), paint);
            }
        }
        return Encode(bitmap);
    }

    public static byte[] Encode(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
