using Hydra.Models.Imaging;
using SkiaSharp;

namespace Hydra.Models.Tests;

public class PlotImageTests
{
    [Fact]
    public void AShrunkGradientKeepsItsValuesAndOrientation()
    {
        // Red rises left to right, green top to bottom: a good resize of a linear ramp returns the
        // ramp's value at each target pixel's centre, whatever filter it averages with.
        const int sourceWidth = 160, sourceHeight = 120, width = 32, height = 24;
        using var bitmap = new SKBitmap(sourceWidth, sourceHeight, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < sourceHeight; y++)
        for (var x = 0; x < sourceWidth; x++)
            bitmap.SetPixel(x, y, new SKColor(Ramp(x, sourceWidth), Ramp(y, sourceHeight), 128));

        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(3, height, width));

        const int plane = width * height;
        for (var y = 2; y < height - 2; y++)
        for (var x = 2; x < width - 2; x++)
        {
            var centreX = (x + 0.5) * sourceWidth / width - 0.5;
            var centreY = (y + 0.5) * sourceHeight / height - 0.5;
            Assert.Equal(centreX / (sourceWidth - 1), tensor[y * width + x], 3.0 / 255);
            Assert.Equal(centreY / (sourceHeight - 1), tensor[plane + y * width + x], 3.0 / 255);
            Assert.Equal(128 / 255.0, tensor[2 * plane + y * width + x], 1.0 / 255);
        }
    }

    [Fact]
    public void GreyIsTheLumaOfTheColours()
    {
        var png = TestModels.PlotPng(seed: 4);

        var rgb = PlotImage.ToTensor(png, new ImageShape(3, 30, 40));
        var grey = PlotImage.ToTensor(png, new ImageShape(1, 30, 40));

        const int plane = 30 * 40;
        for (var i = 0; i < plane; i++)
            Assert.Equal(0.299f * rgb[i] + 0.587f * rgb[plane + i] + 0.114f * rgb[2 * plane + i], grey[i], 1e-5f);
        Assert.Contains(grey, v => v < 0.9f); // the shapes are there, not only the white canvas
    }

    [Fact]
    public void AnImageAlreadyOfTheModelsSizeIsReadExactly()
    {
        var random = new Random(8);
        using var bitmap = new SKBitmap(20, 16, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < 16; y++)
        for (var x = 0; x < 20; x++)
            bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));

        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(3, 16, 20));

        var pixel = bitmap.GetPixel(7, 5);
        Assert.Equal(pixel.Red / 255f, tensor[5 * 20 + 7], 1e-6f);
        Assert.Equal(pixel.Green / 255f, tensor[320 + 5 * 20 + 7], 1e-6f);
        Assert.Equal(pixel.Blue / 255f, tensor[640 + 5 * 20 + 7], 1e-6f);
    }

    [Fact]
    public void TransparencyReadsAsTheWhiteBackground()
    {
        using var bitmap = new SKBitmap(20, 16, SKColorType.Rgba8888, SKAlphaType.Premul);
        bitmap.Erase(SKColors.Transparent);

        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(1, 8, 10));

        Assert.All(tensor, v => Assert.Equal(1f, v, 1e-6f));
    }

    [Fact]
    public void BytesThatAreNoImageAreRefused()
    {
        var garbage = new byte[500];
        new Random(1).NextBytes(garbage);

        var error = Assert.Throws<ImageDecodeException>(() => PlotImage.ToTensor(garbage, new ImageShape(1, 8, 8)));

        Assert.Contains("500 bytes are not an image", error.Message);
    }

    [Fact]
    public void AHalfWrittenPngIsRefused()
    {
        // Noise does not compress, so half the file is half the rows.
        var random = new Random(2);
        using var bitmap = new SKBitmap(160, 120, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < 120; y++)
        for (var x = 0; x < 160; x++)
            bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        var png = TestModels.Encode(bitmap);

        var error = Assert.Throws<ImageDecodeException>(() => PlotImage.ToTensor(png[..(png.Length / 2)], new ImageShape(1, 8, 8)));

        Assert.Contains("did not decode completely", error.Message);
    }

    private static byte Ramp(int position, int length) => (byte)Math.Round(255.0 * position / (length - 1));
}
