using Hydra.Core.Detectors;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Tests;

public sealed class FaultTests
{
    private static readonly RunConditions Run = RunConditions.Default();

    /// <summary>The (detector, channel) pairs whose expected hits differ from a fault-free chunk.</summary>
    private static HashSet<(string, ReadoutChannel)> Changed(Fault fault)
    {
        var clean = new ChunkContext(Run, 5, 1, []);
        var faulty = new ChunkContext(Run, 5, 1, [fault]);
        return [.. from detector in Clas12.All
                   from channel in detector.ReadoutChannels
                   where clean.Expected(detector.Name, channel) != faulty.Expected(detector.Name, channel)
                   select (detector.Name, channel)];
    }

    [Fact]
    public void A_crate_knock_out_changes_exactly_the_channels_the_translation_table_puts_in_that_crate()
    {
        var fault = new CrateKnockOut("ECAL", 9);
        var expected = ChunkContext.TableOf("ECAL").ChannelsIn(9).Select(c => ("ECAL", c)).ToHashSet();

        Assert.Equal(192, expected.Count); // PCAL sector 2, FADC: 68 + 62 + 62 strips
        Assert.True(expected.SetEquals(Changed(fault)));
        var touched = Assert.Single(new ChunkContext(Run, 5, 1, [fault]).Effects.Touched);
        Assert.True(expected.SetEquals(touched.Channels.Select(c => ("ECAL", c))));
    }

    [Fact]
    public void A_slot_knock_out_changes_exactly_its_16_fadc_inputs()
    {
        var fault = new SlotKnockOut("ECAL", 9, 4);
        var expected = ChunkContext.TableOf("ECAL").ChannelsIn(9, 4).Select(c => ("ECAL", c)).ToHashSet();

        Assert.Equal(16, expected.Count);
        Assert.True(expected.SetEquals(Changed(fault)));
    }

    [Fact]
    public void An_hv_trip_darkens_a_contiguous_block_of_one_sector_in_every_readout()
    {
        var changed = Changed(new HvTrip("ECAL", 2, 4, 6, 1, 12));

        Assert.Equal(3 * 12 * 2, changed.Count); // 3 layers x 12 strips x (ADC, TDC)
        Assert.All(changed, c => Assert.True(c.Item2.Channel is { Sector: 2, Layer: >= 4 and <= 6, Component: <= 12 }));
    }

    [Fact]
    public void A_hot_channel_is_one_channel_firing_far_more_often()
    {
        var fault = new HotChannel("FTOF", 3, 2, 30, Side: 1);
        var changed = Changed(fault);

        Assert.Equal(2, changed.Count); // its ADC and its TDC
        Assert.All(changed, c => Assert.Equal(new DetectorChannel(3, 2, 30, 1), c.Item2.Channel));
        var channel = changed.First().Item2;
        Assert.Equal(40 * new ChunkContext(Run, 5, 1, []).Expected("FTOF", channel), new ChunkContext(Run, 5, 1, [fault]).Expected("FTOF", channel), 6);
    }

    [Fact]
    public void A_noisy_group_touches_only_its_components()
    {
        var changed = Changed(new NoisyGroup("DC", 3, 7, 40, 52));

        Assert.Equal(13, changed.Count);
        Assert.All(changed, c => Assert.True(c.Item2.Channel is { Sector: 3, Layer: 7, Component: >= 40 and <= 52 }));
    }

    [Fact]
    public void No_data_empties_every_plot()
    {
        var chunk = new ChunkContext(Run, 5, 1, [new NoData()]);

        Assert.Equal(0, chunk.Events);
        Assert.All(PlotCatalog.All.Take(20), plot => Assert.All(plot.Build(chunk).Pads, pad => Assert.Equal(0, pad?.Histogram.Entries ?? 0)));
    }

    [Fact]
    public void A_jumpy_detector_changes_between_chunks_and_a_healthy_one_does_not()
    {
        var channel = new ReadoutChannel(new DetectorChannel(1, 1, 10), Readout.Tdc);
        double Expected(int chunk, params Fault[] faults) => new ChunkContext(Run, chunk, 1, faults).Expected("DC", channel);

        Assert.Equal(Expected(1), Expected(2));
        Assert.NotEqual(Expected(1, new Jumpy("DC")), Expected(2, new Jumpy("DC")));
    }

    [Fact]
    public void A_jumpy_detectors_look_alike_swings_every_sector_together()
    {
        var jumpy = new Jumpy("ECAL");
        var own = Enumerable.Range(1, 6).Select(s => jumpy.Factor(7, 1, s)).ToList();
        Assert.True(own.Max() / own.Min() > 1.5, "sectors swing apart");

        var inStep = (Jumpy)jumpy.LookAlike(plotSector: null)!;
        Assert.All(Enumerable.Range(1, 6), s => Assert.Equal(own.Average(), inStep.Factor(7, 1, s), 12));
        var sector4 = (Jumpy)jumpy.LookAlike(plotSector: 4)!;
        Assert.All(Enumerable.Range(1, 6), s => Assert.Equal(own[3], sector4.Factor(7, 1, s)));
        Assert.Null(new CrateKnockOut("ECAL", 9).LookAlike(null));
    }

    [Theory]
    [InlineData("CTOF_adc", null, false)]      // one sector: a swing is a beam-current change
    [InlineData("FTOF_tdc_s3", 3, false)]      // a per-sector plot: the same
    [InlineData("ECAL_adcOccupancy", null, true)] // six sectors side by side: they swing apart
    public void A_jumpy_detector_differs_from_its_look_alike_only_where_sectors_share_a_plot(string plotName, int? sector, bool differs)
    {
        var plot = PlotCatalog.Get(plotName);
        var jumpy = new Jumpy(plot.Detector);
        var faulty = plot.Build(new ChunkContext(Run, 7, 1, [jumpy]));
        var lookAlike = plot.Build(new ChunkContext(Run, 7, 1, [jumpy.LookAlike(sector)!]));

        var same = faulty.Pads.Zip(lookAlike.Pads).All(p => p.First is null || p.First.Histogram.Content.AsSpan().SequenceEqual(p.Second!.Histogram.Content));
        Assert.Equal(differs, !same);
    }

    [Theory]
    [InlineData("crate:ECAL:9", typeof(CrateKnockOut))]
    [InlineData("slot:DC:41:5", typeof(SlotKnockOut))]
    [InlineData("hv:ECAL:2:4-6:1-12", typeof(HvTrip))]
    [InlineData("hot:FTOF:3:2:30", typeof(HotChannel))]
    [InlineData("noisy:DC:3:7:40-52", typeof(NoisyGroup))]
    [InlineData("nodata", typeof(NoData))]
    [InlineData("lowstats", typeof(LowStatistics))]
    [InlineData("timing:FTOF:40", typeof(TimingShift))]
    [InlineData("jumpy:dc", typeof(Jumpy))]
    public void Fault_specs_parse(string spec, Type kind) => Assert.IsType(kind, FaultSpec.Parse(spec));

    [Theory]
    [InlineData("crate:ECAL", "expected 2 value(s) after 'crate', found 1")]
    [InlineData("crate:XYZ:3", "unknown detector 'XYZ'")]
    [InlineData("hv:ECAL:2:6-4:1-12", "layers '6-4' runs backwards")]
    [InlineData("hot:ECAL:two:1:1", "sector 'two' is not a whole number")]
    [InlineData("meltdown", "unknown fault kind 'meltdown'")]
    public void Bad_fault_specs_say_what_is_wrong(string spec, string message)
    {
        var error = Assert.Throws<FormatException>(() => FaultSpec.Parse(spec));
        Assert.Contains(message, error.Message);
    }
}
