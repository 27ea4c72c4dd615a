using Hydra.Core.Detectors;
using Hydra.Iolaus.Datasets;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;
using Hydra.Models.Imaging;
using Hydra.Models.Training;

namespace Hydra.Iolaus.Tests;

/// <summary>ADR-022: an autoscaled pad shows a fault's change of shape, not its change of rate.</summary>
public sealed class ShapeChangeTests
{
    private static readonly PlotRenderer Renderer = new();

    private static float[] Pixels(PlotCanvas canvas) => PlotImage.ToTensor(Renderer.Render(canvas).Png, PlotModelBuilder.DefaultInput);

    private static PlotCanvas Healthy(string plot) => PlotCatalog.Get(plot).Build(new ChunkContext(RunConditions.Default(), 7, 1, []));

    [Fact]
    public void A_pad_that_only_lost_a_share_of_its_hits_draws_the_healthy_picture_at_its_rate()
    {
        // Every superlayer's TDC spectrum at 80 % of its hits: what a slot of wires summed into the
        // spectrum does, and what a chunk with fewer events does too.
        var healthy = Healthy("DC_tdc1d_s1");
        var fewer = healthy with { Pads = [.. healthy.Pads.Select(p => p! with { Histogram = p.Histogram.Scaled(0.8) })] };

        var (before, after) = (Pixels(healthy), Pixels(fewer));
        Assert.True(DatasetWriter.VisibleChange(before, after, 0.1) > 0, "the tick labels change with the rate");
        var atFaultyRates = ShapeChange.AtFaultyRates(healthy, fewer);
        Assert.Equal(0, DatasetWriter.VisibleChange(Pixels(atFaultyRates), after, 0.1));
    }

    [Fact]
    public void A_dead_slot_in_an_occupancy_map_still_shows_against_the_healthy_map_at_its_rate()
    {
        var ecal = Clas12.Get("ECAL");
        var address = ChunkContext.TableOf("ECAL").ToElectronics(new(ecal.Channels[0], Readout.Adc))!.Value;
        var healthy = Healthy("ECAL_adcOccupancy");
        var dead = PlotCatalog.Get("ECAL_adcOccupancy").Build(new ChunkContext(RunConditions.Default(), 7, 1, [new SlotKnockOut("ECAL", address.Crate, address.Slot)]));

        var atFaultyRates = ShapeChange.AtFaultyRates(healthy, dead);
        Assert.NotSame(healthy, atFaultyRates);
        Assert.True(DatasetWriter.VisibleChange(Pixels(atFaultyRates), Pixels(dead), 0.1) >= 0.002, "16 dead strips are a change of shape");
    }

    [Fact]
    public void Only_autoscaled_pads_that_keep_hits_are_rescaled_with_their_overlay()
    {
        static H1F Spectrum(params double[] content)
        {
            var histogram = new H1F("", new Axis(content.Length, 0, content.Length));
            content.CopyTo(histogram.Content, 0);
            return histogram;
        }
        var fixedMap = new H2F("", new Axis(2, 0, 2), new Axis(1, 0, 1));
        fixedMap.Content[0] = 4;
        var halvedMap = new H2F("", new Axis(2, 0, 2), new Axis(1, 0, 1));
        halvedMap.Content[0] = 2;
        var healthy = new PlotCanvas("test", 1, 4,
        [
            new Pad(fixedMap) { ZMin = 0.01, ZMax = 10 },                       // a fixed colour scale shows the rate
            new Pad(Spectrum(3, 1)),                                             // emptied below: a change of shape
            new Pad(Spectrum(6, 2)) { Overlay = Spectrum(1, 1) },                // 10 hits on one scale
            null,
        ]);
        var faulty = new PlotCanvas("test", 1, 4,
        [
            new Pad(halvedMap) { ZMin = 0.01, ZMax = 10 },
            new Pad(Spectrum(0, 0)),
            new Pad(Spectrum(3, 1)) { Overlay = Spectrum(1, 0) },                // 5 hits: half
            null,
        ]);

        var rescaled = ShapeChange.AtFaultyRates(healthy, faulty);

        Assert.Same(healthy.Pads[0], rescaled.Pads[0]);
        Assert.Same(healthy.Pads[1], rescaled.Pads[1]);
        Assert.Equal(new[] { 3.0, 1.0 }, rescaled.Pads[2]!.Histogram.Content);
        Assert.Equal(new[] { 0.5, 0.5 }, rescaled.Pads[2]!.Overlay!.Content);
        Assert.Null(rescaled.Pads[3]);
        Assert.Equal(new[] { 6.0, 2.0 }, healthy.Pads[2]!.Histogram.Content); // the healthy canvas is not changed
        Assert.Same(healthy, ShapeChange.AtFaultyRates(healthy, healthy));
        Assert.False(ShapeChange.Autoscaled(healthy.Pads[0]!));
        Assert.True(ShapeChange.Autoscaled(new Pad(fixedMap) { ZMin = 0.5 }));
    }

    [Fact]
    public void A_dataset_refuses_the_faults_that_only_change_a_rate_and_records_the_shape_change_of_the_rest()
    {
        // RICH_time sums each sector's anodes into its spectra: a crate knocked out takes a share
        // of every bin, which the autoscaled pads hide (the bench's misses, session 18).
        static List<DatasetEntry> Bad(bool compareShapes) =>
        [
            .. TestDatasets.Write(folder => new DatasetWriter(folder, perPlot: 40, seed: 1) { BadShare = 1, NoDataShare = 0, LowStatisticsShare = 0, CompareShapes = compareShapes },
                PlotCatalog.Get("RICH_time")).Where(e => e.Label is "Bad" or "HotChannel"),
        ];

        static int Crates(List<DatasetEntry> entries) => entries.Count(e => e.Faults.Any(f => f.Kind == nameof(CrateKnockOut)));
        var without = Bad(compareShapes: false);
        var with = Bad(compareShapes: true);

        Assert.All(without, e => Assert.Null(e.ShapeChange));
        Assert.All(with, e => Assert.True(e.ShapeChange >= 0.002, $"{e.File}: {e.ShapeChange}"));
        Assert.True(Crates(with) < Crates(without), $"crate knock-outs kept: {Crates(with)} of {Crates(without)}");
    }
}
