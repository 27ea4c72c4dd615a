using Hydra.Models.Serving;
using SkiaSharp;

namespace Hydra.Models.Tests;

public class CamOverlayTests
{
    // Evidence only in the bottom-right cell of a 4 x 4 map, and negative evidence top-right.
    private static readonly CamMap Cam = new(4, 4,
    [
        0, 0, 0, -5,
        0, 0, 0, 0,
        0, 0, 0, 0,
        0, 0, 0, 3,
    ]);

    [Fact]
    public void TheOverlayIsAPngOfTheRequestedSize()
    {
        using var overlay = SKBitmap.Decode(CamOverlay.RenderPng(Cam, 160, 120));

        Assert.NotNull(overlay);
        Assert.Equal((160, 120), (overlay.Width, overlay.Height));
    }

    [Fact]
    public void WhereTheMapIsZeroThePlotShowsThrough()
    {
        using var overlay = SKBitmap.Decode(CamOverlay.RenderPng(Cam, 160, 120));

        Assert.Equal(0, overlay.GetPixel(0, 0).Alpha);
        Assert.Equal(0, overlay.GetPixel(60, 50).Alpha);
        Assert.Equal(0, overlay.GetPixel(159, 0).Alpha); // negative evidence is not shown
    }

    [Fact]
    public void AtTheMaximumTheHeatIsBrightAndNearlyOpaque()
    {
        using var overlay = SKBitmap.Decode(CamOverlay.RenderPng(Cam, 160, 120));

        var hottest = overlay.GetPixel(159, 119);
        Assert.InRange(hottest.Alpha, 200, 255);
        Assert.True(hottest.Red > 200 && hottest.Green > 200, $"inferno's top is pale yellow, got {hottest}");

        // Bilinear upscaling: the heat fades towards the cold cells instead of stopping at a cell edge.
        var fading = overlay.GetPixel(159 - 25, 119);
        Assert.InRange(fading.Alpha, 1, hottest.Alpha - 1);
    }
}
