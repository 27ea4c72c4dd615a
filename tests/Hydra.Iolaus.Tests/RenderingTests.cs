using Hydra.Core.Detectors;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;
using SkiaSharp;

namespace Hydra.Iolaus.Tests;

public sealed class RenderingTests
{
    private static readonly RunConditions Run = RunConditions.Default();
    private static readonly ChunkRenderer Renderer = new();

    [Fact]
    public void Iolaus_renders_at_least_60_of_mon12s_plots_with_unique_mon12_names()
    {
        var names = PlotCatalog.All.Select(p => p.Name).ToList();

        Assert.True(names.Count >= 60, $"{names.Count} plots");
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches("^[A-Za-z]+_[A-Za-z0-9]+(_s[1-6])?$", name));
        Assert.Contains("ECAL_adcEnergy_s6", names);
        Assert.Contains("DC_tdc1d_s1", names);
        Assert.Contains("RF_time", names);
        Assert.Contains("TimeJitter_phase", names);
        Assert.Contains("Trigger_bits", names);
        Assert.Contains("HEL_board", names);
    }

    [Fact]
    public void Every_plot_decodes_as_a_png_of_1590_by_820()
    {
        var rendered = Renderer.Render(Run, 1, 1, []);

        Assert.Equal(PlotCatalog.All.Count, rendered.Count);
        Assert.All(rendered, plot =>
        {
            using var bitmap = SKBitmap.Decode(plot.Png);
            Assert.NotNull(bitmap);
            Assert.Equal((1590, 820), (bitmap.Width, bitmap.Height));
            Assert.NotEmpty(plot.Layout.Pads);
        });
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        var plots = new[] { PlotCatalog.Get("ECAL_adcOccupancy"), PlotCatalog.Get("DC_tdc1d_s2") };

        var first = Renderer.Render(Run, 7, 42, [new CrateKnockOut("ECAL", 9)], plots);
        var again = Renderer.Render(Run, 7, 42, [new CrateKnockOut("ECAL", 9)], plots);
        var other = Renderer.Render(Run, 7, 43, [new CrateKnockOut("ECAL", 9)], plots);

        Assert.All(first.Zip(again), pair => Assert.Equal(pair.First.Png, pair.Second.Png));
        Assert.All(first.Zip(other), pair => Assert.NotEqual(pair.First.Png, pair.Second.Png));
    }

    [Fact]
    public void A_pixel_maps_back_to_its_detector_channel_through_the_layout()
    {
        var plot = Renderer.Render(Run, 1, 1, [], [PlotCatalog.Get("ECAL_adcOccupancy")]).Single();
        // Pad 3 (0-based) is ECin U (layer 4): x = sector 1..6, y = strip 1..36.
        var pad = plot.Layout.Pads.Single(p => p.Index == 3);
        var frame = pad.Frame;
        var x = frame.X + (int)(frame.Width * (2.5 / 6)); // inside sector 3's column
        var y = frame.Y + frame.Height - 1 - (int)(frame.Height * (9.5 / 36)); // inside strip 10's row

        var location = plot.Layout.Locate(x, y);

        Assert.NotNull(location);
        Assert.Equal(3, location.Pad);
        Assert.Equal(new DetectorChannel(3, 4, 10), location.Channel);
        Assert.Null(plot.Layout.Locate(frame.X - 20, frame.Y + 5)); // the axis labels are not a pad
    }

    [Fact]
    public void A_knocked_out_crate_leaves_white_bins_exactly_where_its_channels_are()
    {
        var plot = PlotCatalog.Get("ECAL_adcOccupancy");
        var canvas = plot.Build(new ChunkContext(Run, 1, 1, [new CrateKnockOut("ECAL", 9)]));

        // Crate 9 reads PCAL (layers 1-3) of sector 2: those columns are empty, all others full.
        foreach (var (pad, layer) in canvas.Pads.Select((p, i) => (p!, i + 1)))
        {
            var histogram = (Histograms.H2F)pad.Histogram;
            for (var strip = 0; strip < histogram.Y.Bins; strip++)
            {
                for (var sector = 0; sector < 6; sector++)
                {
                    var dead = layer <= 3 && sector == 1;
                    Assert.True(dead ? histogram[sector, strip] == 0 : histogram[sector, strip] > 0, $"layer {layer} sector {sector + 1} strip {strip + 1}");
                }
            }
        }
    }

    [Fact]
    public void Different_conditions_give_visibly_different_good_plots()
    {
        var plot = PlotCatalog.Get("DC_occupancy");
        Histograms.H2F Sector1(RunConditions run) => (Histograms.H2F)plot.Build(new ChunkContext(run, 1, 1, [])).Pads[0]!.Histogram;
        double Region1Share(Histograms.H2F h) =>
            Enumerable.Range(0, 12).Sum(layer => Enumerable.Range(0, 112).Sum(wire => h[wire, layer])) / h.Entries;
        double MeanWire(Histograms.H2F h) =>
            Enumerable.Range(0, 36).Sum(layer => Enumerable.Range(0, 112).Sum(wire => (wire + 1) * h[wire, layer])) / h.Entries;

        var outbending = Sector1(Run with { TorusPolarity = -1 });
        var inbending = Sector1(Run with { TorusPolarity = 1 });
        var lowCurrent = Sector1(Run with { BeamCurrentNanoAmps = 10 });

        Assert.True(Region1Share(outbending) > 0.45, "region 1 holds the most hits");
        // The torus bends particles: inbending spreads hits to higher wire numbers.
        Assert.True(MeanWire(inbending) > MeanWire(outbending) + 5, $"{MeanWire(inbending)} vs {MeanWire(outbending)}");
        // Beam current scales occupancy.
        Assert.True(lowCurrent.Entries < outbending.Entries / 3);
    }
}
