using SkiaSharp;

namespace Hydra.Models.Imaging;

/// <summary>
/// Turns a plot's PNG into the tensor a network reads: decoded, resized to the network's W x H,
/// grey or RGB, pixels / 255, channel-major. Training and serving both call this, so a model never
/// sees images prepared differently from the ones it learnt on.
/// </summary>
public static class PlotImage
{
    /// <summary>Refuse images above this many pixels (a mon12 plot has 1.3 million) rather than allocate gigabytes for a forged header.</summary>
    private const long MaxPixels = 64L * 1024 * 1024;

    // ITU-R BT.601 luma, the weights of PIL's convert("L") and torchvision's Grayscale, so a
    // grey model trained in PyTorch sees the same values here.
    private const float RedLuma = 0.299f, GreenLuma = 0.587f, BlueLuma = 0.114f;

    /// <summary>Reads an image into a new C x H x W tensor.</summary>
    public static float[] ToTensor(byte[] png, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var tensor = new float[shape.Length];
        ToTensor(png, shape, tensor);
        return tensor;
    }

    /// <summary>Reads an image into <paramref name="destination"/>, e.g. one image's slot in a batch.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not a complete image.</exception>
    public static void ToTensor(byte[] png, ImageShape shape, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentNullException.ThrowIfNull(shape);
        if (destination.Length != shape.Length)
            throw new ArgumentException($"An image of {shape} takes {shape.Length} floats, not {destination.Length}.", nameof(destination));

        using var decoded = Decode(png);
        using var resized = Resize(decoded, shape.Width, shape.Height);
        var pixels = resized.GetPixelSpan();
        var plane = shape.Width * shape.Height;
        for (var i = 0; i < plane; i++)
        {
            float r = pixels[4 * i], g = pixels[4 * i + 1], b = pixels[4 * i + 2];
            if (shape.Channels == 1)
            {
                destination[i] = (RedLuma * r + GreenLuma * g + BlueLuma * b) / 255f;
            }
            else
            {
                destination[i] = r / 255f;
                destination[plane + i] = g / 255f;
                destination[2 * plane + i] = b / 255f;
            }
        }
    }

    /// <summary>
    /// Decodes through <see cref="SKCodec"/> rather than <c>SKBitmap.Decode</c>, which returns null
    /// for garbage and, worse, a partly black image for a truncated file: a half-written plot must
    /// be refused, not classified.
    /// </summary>
    private static SKBitmap Decode(byte[] png)
    {
        using var stream = new MemoryStream(png, writable: false);
        using var codec = SKCodec.Create(stream, out var opened);
        if (codec is null)
            throw new ImageDecodeException($"{png.Length} bytes are not an image Skia can read ({opened}).");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < 1 || height < 1 || (long)width * height > MaxPixels)
            throw new ImageDecodeException($"A {width} x {height} image is outside what a plot can be.");

        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ImageDecodeException($"The {width} x {height} image did not decode completely ({result}).");
        }
        bitmap.SetImmutable(); // lets SKImage.FromBitmap share the pixels instead of copying them
        return bitmap;
    }

    /// <summary>
    /// Resizes on white (plots are drawn on white, so a transparent margin means background) with
    /// trilinear mipmap sampling: shrinking a 1590 x 820 plot to a few dozen pixels averages every
    /// source pixel, so a single hot channel still leaves a trace instead of falling between samples.
    /// </summary>
    private static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        using var image = SKImage.FromBitmap(source);
        canvas.Clear(SKColors.White);
        canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        return target;
    }
}
