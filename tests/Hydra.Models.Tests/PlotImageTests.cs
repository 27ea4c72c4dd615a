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
    public void AHotChannelLeavesExactlyItsShareOfTheTargetPixel()
    {
        // 800 x 600 to 160 x 80: a target pixel is 5 x 7.5 source pixels. One black pixel inside a
        // target pixel darkens it by 1/37.5; one on a boundary between two target rows darkens each
        // by half that. Nothing else moves: a dead or hot channel is neither lost nor smeared.
        using var bitmap = new SKBitmap(800, 600, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.White);
        bitmap.SetPixel(403, 301, SKColors.Black); // rows 300-307.5 make target row 40
        bitmap.SetPixel(202, 307, SKColors.Black); // half in target row 40, half in row 41

        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(1, 80, 160));

        Assert.Equal(1 - 1 / 37.5f, tensor[40 * 160 + 80], 1e-5f);
        Assert.Equal(1 - 1 / 75f, tensor[40 * 160 + 40], 1e-5f);
        Assert.Equal(1 - 1 / 75f, tensor[41 * 160 + 40], 1e-5f);
        Assert.Equal(160 * 80 - 3, tensor.Count(v => Math.Abs(v - 1) < 1e-6f));
    }

    [Fact]
    public void TheBlankChannelKeepsAnEmptyStripThatAveragingFades()
    {
        // 800 x 600 to 160 x 80 (5 x 7.5 source pixels per target pixel): a dark-blue pad with one
        // empty (white) source row inside target row 40 and one on the boundary of rows 40 and 41,
        // as a dead strip one bin high. Averaging fades each to its area share; the blank plane is 1
        // wherever any bare white is touched and 0 over every palette colour, even the palest.
        using var bitmap = new SKBitmap(800, 600, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(0, 0, 140));
        for (var x = 0; x < 400; x++) bitmap.SetPixel(x, 301, SKColors.White);  // target row 40 only
        for (var x = 400; x < 800; x++) bitmap.SetPixel(x, 307, SKColors.White); // half in row 40, half in 41
        for (var y = 0; y < 150; y++)
        for (var x = 0; x < 800; x++) bitmap.SetPixel(x, y, new SKColor(255, 255, 0)); // yellow: no blank

        var shape = new ImageShape(ImageShape.RgbAndBlank, 80, 160);
        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), shape);
        var rgb = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(3, 80, 160));

        const int plane = 160 * 80;
        Assert.Equal(rgb, tensor[..(3 * plane)]);                       // the colour planes are unchanged
        Assert.Equal(1 / 7.5f, tensor[40 * 160 + 10], 1e-5f);          // red: the strip's share of the pixel
        float Blank(int row, int column) => tensor[3 * plane + row * 160 + column];
        Assert.Equal(1f, Blank(40, 10));
        Assert.Equal(1f, Blank(40, 120));
        Assert.Equal(1f, Blank(41, 120));
        Assert.Equal(0f, Blank(41, 10));
        Assert.Equal(0f, Blank(10, 50));                                // yellow
        Assert.Equal(0f, Blank(60, 50));                                // dark blue
        Assert.Equal(160 + 80, tensor[(3 * plane)..].Count(v => v == 1f));
        Assert.Equal(4 * plane, tensor.Length);
    }

    [Fact]
    public void TheBlankChannelReadsTheLastColumnsOfARealPlotWidthLikeTheRest()
    {
        // mon12's 1590-px width is not a multiple of eight: its last six source columns go through
        // the scalar tail of Whiteness and MaxInto, not the vector loop. A pale colour there must
        // give min(R, G, B) / 255 like one in the vector part (column 1575), or a dead strip at the
        // right edge of a plot would be seen differently from one in the middle.
        using var bitmap = new SKBitmap(1590, 600, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(0, 0, 140));
        bitmap.SetPixel(1575, 301, new SKColor(120, 130, 140)); // vector part, target column 158
        bitmap.SetPixel(1589, 301, new SKColor(180, 220, 250)); // the last column: target column 159
        bitmap.SetPixel(1586, 100, new SKColor(90, 60, 200));   // tail, target row 13

        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(ImageShape.RgbAndBlank, 80, 160));

        const int plane = 160 * 80;
        float Blank(int row, int column) => tensor[3 * plane + row * 160 + column];
        Assert.Equal(120 / 255f, Blank(40, 158), 1e-6f);
        Assert.Equal(180 / 255f, Blank(40, 159), 1e-6f);
        Assert.Equal(60 / 255f, Blank(13, 159), 1e-6f);
        Assert.Equal(3, tensor[(3 * plane)..].Count(v => v > 0));
    }

    [Fact]
    public void EnlargingRepeatsEachSourcePixel()
    {
        using var bitmap = new SKBitmap(2, 2, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.SetPixel(0, 0, SKColors.Black);
        bitmap.SetPixel(1, 0, SKColors.White);
        bitmap.SetPixel(0, 1, new SKColor(51, 51, 51));
        bitmap.SetPixel(1, 1, new SKColor(204, 204, 204));

        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(1, 4, 4));

        float[] expected = [0, 0, 1, 1, 0, 0, 1, 1, 0.2f, 0.2f, 0.8f, 0.8f, 0.2f, 0.2f, 0.8f, 0.8f];
        Assert.Equal(expected, tensor, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void HalfTransparentColourIsSeenOverWhite()
    {
        using var bitmap = new SKBitmap(8, 8, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(new SKColor(255, 0, 0, 128));

        var tensor = PlotImage.ToTensor(TestModels.Encode(bitmap), new ImageShape(3, 4, 4));

        // Red at 128/255 coverage over white: red stays full, green and blue keep the white's 127/255.
        Assert.All(tensor[..16], v => Assert.Equal(1f, v, 1.5f / 255));
        Assert.All(tensor[16..], v => Assert.Equal(127 / 255f, v, 1.5f / 255));
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
    public void ImagesOfManyWidthsInTurnEachAreShrunkWithTheirOwnColumns()
    {
        // More widths than the resampler remembers, twice over and interleaved: each image is left
        // half black, right half white, so a target two pixels wide must read exactly 0 and 1.
        var widths = Enumerable.Range(0, 12).Select(i => 40 + 6 * i).ToList();
        var images = widths.ToDictionary(w => w, w =>
        {
            using var bitmap = new SKBitmap(w, 10, SKColorType.Rgba8888, SKAlphaType.Opaque);
            bitmap.Erase(SKColors.White);
            for (var y = 0; y < 10; y++)
            for (var x = 0; x < w / 2; x++)
                bitmap.SetPixel(x, y, SKColors.Black);
            return TestModels.Encode(bitmap);
        });

        foreach (var w in widths.Concat(widths.AsEnumerable().Reverse()).Concat(widths))
        {
            var tensor = PlotImage.ToTensor(images[w], new ImageShape(1, 1, 2));
            Assert.Equal([0f, 1f], tensor.Select(v => MathF.Round(v, 5)));
        }
    }

    [Fact]
    public void PreparingAnotherPlotOfTheSameSizeAllocatesNoPixelBuffers()
    {
        // At hundreds of images a second every per-image buffer is garbage to collect; the decode
        // buffer, the open rows and the column taps are pooled or remembered. What is left is a few
        // small wrapper objects (Skia's codec and data handles).
        using var bitmap = new SKBitmap(1590, 820, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.White);
        var png = TestModels.Encode(bitmap);
        var shape = new ImageShape(3, 80, 160);
        var tensor = new float[shape.Length];
        PlotImage.ToTensor(png, shape, tensor);

        var before = GC.GetAllocatedBytesForCurrentThread();
        PlotImage.ToTensor(png, shape, tensor);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 4096, $"{allocated} bytes allocated for one 1590 x 820 plot");
        Assert.All(tensor, v => Assert.Equal(1f, v, 1e-6f));
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
