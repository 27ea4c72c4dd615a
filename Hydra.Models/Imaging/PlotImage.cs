using System.Collections.Concurrent;
using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Hydra.Models.Imaging;

/// <summary>
/// Turns a plot's PNG into the tensor a network reads: decoded, area-averaged to the network's
/// W x H on a white background (<see cref="AreaResampler"/>, ADR-014), grey, RGB or RGB and blank (ADR-018), pixels / 255,
/// channel-major. Training and serving both call this, so a model never
/// sees images prepared differently from the ones it learnt on.
/// </summary>
public static class PlotImage
{
    /// <summary>Refuse images above this many pixels (a mon12 plot has 1.3 million) rather than allocate gigabytes for a forged header.</summary>
    private const long MaxPixels = 64L * 1024 * 1024;

    // ITU-R BT.601 luma, the weights of PIL's convert("L") and torchvision's Grayscale, so a
    // grey model trained in PyTorch sees the same values here.
    internal const float RedLuma = 0.299f, GreenLuma = 0.587f, BlueLuma = 0.114f;

    /// <summary>Reads an image into a new C x H x W tensor.</summary>
    public static float[] ToTensor(byte[] png, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var tensor = new float[shape.Length];
        ToTensor(png, shape, tensor);
        return tensor;
    }

    /// <summary>
    /// Many images at once, on the cores <paramref name="parallel"/> allows (decoding a full-size PNG
    /// costs more than a small model's forward pass). A damaged image stops the whole list, named by
    /// its position, the first one whatever order the cores reached them in, so the caller can say
    /// which file or stored image it was.
    /// </summary>
    /// <param name="describe">How the message names image i; "Image i of n" when null.</param>
    /// <exception cref="ImageDecodeException">An image is not complete; <see cref="ImageDecodeException.Position"/> says which.</exception>
    public static float[][] ToTensors(IReadOnlyList<byte[]> pngs, ImageShape shape, ParallelOptions parallel, Func<int, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(pngs);
        var tensors = new float[pngs.Count][];
        var damaged = new ConcurrentDictionary<int, ImageDecodeException>();
        Parallel.For(0, pngs.Count, parallel, i =>
        {
            try
            {
                tensors[i] = ToTensor(pngs[i], shape);
            }
            catch (ImageDecodeException e)
            {
                damaged[i] = e;
            }
        });
        if (damaged.IsEmpty) return tensors;
        var first = damaged.Keys.Min();
        var name = describe?.Invoke(first) ?? $"Image {first} of {pngs.Count}";
        throw new ImageDecodeException($"{name}: {damaged[first].Message}" + (damaged.Count > 1 ? $" ({damaged.Count} images are damaged)" : ""), damaged[first])
        {
            Position = first,
        };
    }

    /// <summary>Reads an image into <paramref name="destination"/>, e.g. one image's slot in a batch.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not a complete image.</exception>
    public static void ToTensor(byte[] png, ImageShape shape, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentNullException.ThrowIfNull(shape);
        if (destination.Length != shape.Length)
            throw new ArgumentException($"An image of {shape} takes {shape.Length} floats, not {destination.Length}.", nameof(destination));

        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException($"{png.Length} bytes are not an image Skia can read.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < 1 || height < 1 || (long)width * height > MaxPixels)
            throw new ImageDecodeException($"A {width} x {height} image is outside what a plot can be.");

        // Skia decodes PNGs only whole (its row-by-row API answers Unimplemented for them), so the
        // pixels go into a pooled buffer: no bitmap allocated and zeroed per image.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = ArrayPool<byte>.Shared.Rent(checked((int)info.BytesSize64));
        var pinned = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, pinned.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
                throw Incomplete(width, height, result.ToString());
            using var resampler = new AreaResampler(width, height, shape);
            resampler.AddRows(pixels, height, info.RowBytes, destination);
        }
        finally
        {
            pinned.Free();
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    private static ImageDecodeException Incomplete(int width, int height, string detail) =>
        new($"The {width} x {height} image did not decode completely ({detail}).");
}
