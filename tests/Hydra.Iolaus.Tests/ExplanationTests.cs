using Hydra.Core.Detectors;
using Hydra.Core.Explanations;
using Hydra.Core.TranslationTables;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Tests;

/// <summary>A hot spot on a rendered plot, named through its real layout and CLAS12's translation table.</summary>
public sealed class ExplanationTests
{
    [Fact]
    public void A_hot_spot_over_an_ECAL_strip_names_its_sector_layer_strip_crate_and_slot()
    {
        var plot = new ChunkRenderer().Render(RunConditions.Default(), 1, 1, [], [PlotCatalog.Get("ECAL_adcOccupancy")]).Single();
        var wanted = new DetectorChannel(2, 4, 20);
        var pixel = FindPixel(plot, wanted);

        // A 53 x 41 map (one cell per 30 x 20 pixels), hot only in the cell over that strip.
        const int camWidth = 53, camHeight = 41;
        var cam = new float[camWidth * camHeight];
        cam[pixel.Y * camHeight / plot.Layout.Height * camWidth + pixel.X * camWidth / plot.Layout.Width] = 3f;

        var region = Assert.Single(RegionMapper.Map(cam, camWidth, camHeight, plot.Layout.Width, plot.Layout.Height, plot.Layout));

        Assert.Equal(1.0, region.Weight);
        Assert.Equal("ECAL", region.Detector);
        // A map cell is coarse (30 x 20 pixels here), so it may straddle a neighbouring row of the plot.
        Assert.Contains(2, region.Sectors);
        Assert.Contains(4, region.Layers);
        Assert.InRange(20, region.FirstComponent!.Value, region.LastComponent!.Value);
        var address = TranslationTableGenerator.For(Clas12.Ecal).ToElectronics(new ReadoutChannel(wanted, Readout.Adc))!.Value;
        Assert.Contains(new CrateSlot(address.Crate, address.Slot), region.Electronics);
        Assert.StartsWith("ECAL, sector", region.Summary);
        Assert.Contains($"crate {address.Crate} slot", region.Summary);
    }

    [Fact]
    public void A_map_with_nothing_positive_explains_nothing_and_regions_come_strongest_first()
    {
        Assert.Empty(RegionMapper.Map([0, -1, 0, -2], 2, 2, 100, 100, layout: null));

        // Three hot cells, none 4-connected to another: three regions, the two 9s before the 5.
        var regions = RegionMapper.Map([5, 0, 0, 0, 0, 9, 9, 0, 0], 3, 3, 300, 300, layout: null);
        Assert.Equal([0.391, 0.391, 0.217], regions.Select(r => r.Weight));
        Assert.Equal(new Hydra.Core.Plots.PixelRect(0, 0, 100, 100), regions[2].Pixels);
        Assert.StartsWith("pixels 0-100, 0-100", regions[2].Summary);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 5 }, "1-3, 5")]
    [InlineData(new[] { 7 }, "7")]
    [InlineData(new[] { 4, 2, 3, 9, 10 }, "2-4, 9-10")]
    public void Ranges_read_like_an_expert_writes_them(int[] values, string expected) =>
        Assert.Equal(expected, RegionMapper.Ranges(values));

    private static (int X, int Y) FindPixel(RenderedPlot plot, DetectorChannel channel)
    {
        for (var y = 0; y < plot.Layout.Height; y++)
        {
            for (var x = 0; x < plot.Layout.Width; x++)
            {
                if (plot.Layout.Locate(x, y)?.Channel == channel) return (x, y);
            }
        }
        throw new InvalidOperationException($"{channel} is not drawn on {plot.Name}");
    }
}
