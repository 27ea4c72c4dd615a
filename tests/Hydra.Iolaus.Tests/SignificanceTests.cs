using Hydra.Core.Detectors;
using Hydra.Iolaus.Datasets;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Tests;

/// <summary>ADR-025: a fault counts only if it moves the histograms by more than the chunk's own statistics.</summary>
public sealed class SignificanceTests
{
    private const int Draws = 16;

    private static double SignificanceOf(string plot, Fault fault)
    {
        var definition = PlotCatalog.Get(plot);
        PlotCanvas Build(IReadOnlyList<Fault> faults, int draw) => definition.Build(new ChunkContext(RunConditions.Default(), 7, 1, faults) { Draw = draw });
        return Significance.Of(Build([], 0), Build([fault], 0),
            [.. Enumerable.Range(1, Draws).Select(k => Build([], k))],
            [.. Enumerable.Range(1, Draws).Select(k => Build([fault], k))]);
    }

    private static SlotKnockOut SlotOf(string detector, Func<DetectorChannel, bool> where, Readout readout)
    {
        var channel = Clas12.Get(detector).Channels.First(where);
        var address = ChunkContext.TableOf(detector).ToElectronics(new(channel, readout))!.Value;
        return new SlotKnockOut(detector, address.Crate, address.Slot);
    }

    [Fact]
    public void A_slot_summed_into_a_superlayer_spectrum_is_within_the_chunks_statistics()
    {
        // 96 of a superlayer's 672 wires: the bench's misses on every DC_tdc1d model (session 21).
        var slot = SlotOf("DC", c => c.Sector == 1 && c.Layer == 20, Readout.Tdc);

        Assert.InRange(SignificanceOf("DC_tdc1d_s1", slot), 0, 3);
    }

    [Fact]
    public void A_timing_shift_of_the_same_spectra_and_a_dead_slot_in_a_map_are_far_beyond_it()
    {
        // Both are caught by the models: the drift spectra's leading edge moves, 16 strips go dark.
        Assert.True(SignificanceOf("DC_tdc1d_s1", new TimingShift("DC")) > 10);
        Assert.True(SignificanceOf("ECAL_adcOccupancy", SlotOf("ECAL", _ => true, Readout.Adc)) > 10);
    }

    [Fact]
    public void A_change_of_rate_alone_scores_nothing_in_an_autoscaled_pad()
    {
        // Every draw of the "faulty" chunk is its healthy draw at 80 % of the hits (ADR-022): no
        // change of shape at all, however many bins the spectra have.
        static PlotCanvas Scaled(PlotCanvas canvas) => canvas with { Pads = [.. canvas.Pads.Select(p => p! with { Histogram = p.Histogram.Scaled(0.8) })] };
        var definition = PlotCatalog.Get("DC_tdc1d_s1");
        var healthy = Enumerable.Range(0, Draws + 1).Select(k => definition.Build(new ChunkContext(RunConditions.Default(), 7, 1, []) { Draw = k })).ToList();

        var significance = Significance.Of(healthy[0], Scaled(healthy[0]), healthy[1..], [.. healthy[1..].Select(Scaled)]);

        Assert.Equal(0, significance, 6);
    }

    [Fact]
    public void It_needs_paired_draws()
    {
        var canvas = PlotCatalog.Get("RF_time").Build(new ChunkContext(RunConditions.Default(), 7, 1, []));

        Assert.Throws<ArgumentException>(() => Significance.Of(canvas, canvas, [canvas, canvas], [canvas]));
        Assert.Throws<ArgumentException>(() => Significance.Of(canvas, canvas, [canvas], [canvas]));
    }

    [Fact]
    public void A_dataset_refuses_to_estimate_a_variance_from_one_draw()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"iolaus-never-written-{Guid.NewGuid():N}");
        var writer = new DatasetWriter(folder, perPlot: 1, seed: 1) { SignificanceDraws = 1 };

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write([PlotCatalog.Get("RF_time")]));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_dataset_writes_only_significant_faults_and_records_their_significance()
    {
        static List<DatasetEntry> Bad(double minSignificance) =>
        [
            .. TestDatasets.Write(folder => new DatasetWriter(folder, perPlot: 40, seed: 1) { BadShare = 1, NoDataShare = 0, LowStatisticsShare = 0, MinSignificance = minSignificance },
                PlotCatalog.Get("DC_tdc1d_s2")).Where(e => e.Label is "Bad" or "HotChannel"),
        ];
        static int Buried(List<DatasetEntry> entries) =>
            entries.Count(e => e.Faults.Any(f => f.Kind is nameof(SlotKnockOut) or nameof(NoisyGroup) or nameof(HotChannel) or nameof(HvTrip)));

        var before = Bad(minSignificance: 0);
        var after = Bad(minSignificance: 5);

        Assert.All(before, e => Assert.Null(e.Significance));
        Assert.All(after, e => Assert.True(e.Significance >= 5, $"{e.File}: {e.Significance}"));
        Assert.True(Buried(before) > 0, "the ADR-022 labels call some slot, noisy, hot or HV faults of a summed spectrum Bad");
        Assert.Equal(0, Buried(after));
    }
}
