using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>The central detector's time-of-flight (CTOF) and neutron detector (CND).</summary>
internal static class CentralPlots
{
    public static IEnumerable<PlotDefinition> All =>
    [
        new("CTOF_adc", "CTOF", CtofAdc),
        new("CTOF_tdc", "CTOF", CtofTdc),
        new("CND_adc", "CND", CndAdc),
        new("CND_tdc", "CND", CndTdc),
    ];

    private static readonly string[] CtofEnds = ["Upstream", "Downstream"];

    private static IEnumerable<ReadoutChannel> Ctof(int side, Readout readout) =>
        Clas12.Ctof.Channels.Where(c => c.Side == side).Select(c => new ReadoutChannel(c, readout));

    private static ChannelMap CtofMap(int side, bool pmtOnX) => new("CTOF", Coordinate.Fixed(1), Coordinate.Fixed(1),
        pmtOnX ? Coordinate.FromX() : Coordinate.FromY(), Coordinate.Fixed(side));

    private static PlotCanvas CtofAdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("CTOF_adc");
        var pads = new List<Pad?>();
        foreach (var side in new[] { 0, 1 })
        {
            var occupancy = new H1F($"occADC{CtofEnds[side][0]}", Axis.Channels(48, $"PMT {CtofEnds[side]}"), "Counts");
            Fills.Occupancy(occupancy, chunk, random, "CTOF", Ctof(side, Readout.Adc), c => c.Channel.Component);
            pads.Add(new Pad(occupancy) { Fill = GrootColors.Fill38, LogZ = false, Map = CtofMap(side, pmtOnX: true) });
        }
        foreach (var side in new[] { 0, 1 })
        {
            var amplitude = new H2F($"ADC {CtofEnds[side]} - amplitude", new Axis(50, 0, 5000, $"ADC {CtofEnds[side]} - amplitude"), Axis.Channels(48, $"PMT {CtofEnds[side]}"));
            Fills.Spectrum(amplitude, chunk, random, "CTOF", Ctof(side, Readout.Adc), c => c.Channel.Component, c => Shape.Charge(1500 * (0.8 + 0.4 * ChunkContext.Own(c, 31))));
            pads.Add(new Pad(amplitude) { Map = CtofMap(side, pmtOnX: false) });
        }
        foreach (var side in new[] { 0, 1 })
        {
            var timing = new H2F($"FADC {CtofEnds[side]} - timing", new Axis(80, 0, 400, $"FADC {CtofEnds[side]} - timing"), Axis.Channels(48, $"PMT {CtofEnds[side]}"));
            Fills.Spectrum(timing, chunk, random, "CTOF", Ctof(side, Readout.Adc), c => c.Channel.Component, c => Shape.Timing(170 + chunk.TimeShift("CTOF") + 10 * ChunkContext.Own(c, 32), 6));
            pads.Add(new Pad(timing) { Map = CtofMap(side, pmtOnX: false) });
        }
        return new PlotCanvas("CTOF_adc", 3, 2, pads);
    }

    private static PlotCanvas CtofTdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("CTOF_tdc");
        var pads = new List<Pad?>();
        foreach (var side in new[] { 0, 1 })
        {
            var occupancy = new H1F($"occTDC{CtofEnds[side][0]}", Axis.Channels(48, $"PMT {CtofEnds[side]}"), "Counts");
            Fills.Occupancy(occupancy, chunk, random, "CTOF", Ctof(side, Readout.Tdc), c => c.Channel.Component);
            pads.Add(new Pad(occupancy) { Fill = GrootColors.Fill38, LogZ = false, Map = CtofMap(side, pmtOnX: true) });
        }
        foreach (var side in new[] { 0, 1 })
        {
            // mon12 labels the raw TDC axis "amplitude"; kept so the image matches.
            var tdc = new H2F($"TDC {CtofEnds[side]} - amplitude", new Axis(50, 0, 15000, $"TDC {CtofEnds[side]} - amplitude"), Axis.Channels(48, $"PMT {CtofEnds[side]}"));
            Fills.Spectrum(tdc, chunk, random, "CTOF", Ctof(side, Readout.Tdc), c => c.Channel.Component,
                c => Shape.Timing(8000 + 40 * chunk.TimeShift("CTOF") + 400 * ChunkContext.Own(c, 33), 250));
            pads.Add(new Pad(tdc) { Map = CtofMap(side, pmtOnX: false) });
        }
        return new PlotCanvas("CTOF_tdc", 2, 2, pads);
    }

    private static readonly string[] CndSides = ["left", "right"];

    private static IEnumerable<ReadoutChannel> Cnd(int side, Readout readout) =>
        Clas12.Cnd.Channels.Where(c => c.Side == side).Select(c => new ReadoutChannel(c, readout));

    // y = (sector - 1) * 3 + layer on the "lay. comb." axes.
    private static ChannelMap CndCombined(int side) => new("CND", new Coordinate(Axis: 'y', Divide: 3), new Coordinate(Axis: 'y', Modulo: 3),
        Coordinate.Fixed(1), Coordinate.Fixed(side));

    private static ChannelMap CndOccupancy(int side) => new("CND", Coordinate.FromX(), Coordinate.FromY(), Coordinate.Fixed(1), Coordinate.Fixed(side));

    private static PlotCanvas CndAdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("CND_adc");
        var pads = new List<Pad?>();
        foreach (var side in new[] { 0, 1 })
        {
            var occupancy = new H2F($"Occupancy ADC {CndSides[side]} vs layer", new Axis(24, 1, 25, $"PMT {CndSides[side]}"), new Axis(3, 1, 4, "layer"));
            Fills.Occupancy(occupancy, chunk, random, "CND", Cnd(side, Readout.Adc), c => (c.Channel.Sector, c.Channel.Layer));
            pads.Add(new Pad(occupancy) { Map = CndOccupancy(side) });
        }
        foreach (var side in new[] { 0, 1 })
        {
            var amplitude = new H2F($"ADC {CndSides[side]} - amplitude", new Axis(400, 0, 8000, $"ADC {CndSides[side]} - amplitude"), Axis.Channels(72, $"PMT {CndSides[side]} (lay. comb.)"));
            Fills.Spectrum(amplitude, chunk, random, "CND", Cnd(side, Readout.Adc), c => (c.Channel.Sector - 1) * 3 + c.Channel.Layer,
                c => Shape.Charge(2200 * (0.8 + 0.4 * ChunkContext.Own(c, 34))));
            pads.Add(new Pad(amplitude) { Map = CndCombined(side) });
        }
        foreach (var side in new[] { 0, 1 })
        {
            var timing = new H2F($"FADC {CndSides[side]} time", new Axis(80, 0, 400, $"FADC {CndSides[side]} time"), Axis.Channels(72, $"PMT {CndSides[side]} (lay. comb.)"));
            Fills.Spectrum(timing, chunk, random, "CND", Cnd(side, Readout.Adc), c => (c.Channel.Sector - 1) * 3 + c.Channel.Layer,
                c => Shape.Timing(180 + chunk.TimeShift("CND") + 12 * ChunkContext.Own(c, 35), 8));
            pads.Add(new Pad(timing) { Map = CndCombined(side) });
        }
        return new PlotCanvas("CND_adc", 3, 2, pads);
    }

    private static PlotCanvas CndTdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("CND_tdc");
        var pads = new List<Pad?>();
        foreach (var side in new[] { 0, 1 })
        {
            var occupancy = new H2F($"Occupancy TDC {CndSides[side]} vs layer", new Axis(24, 1, 25, $"PMT {CndSides[side]}"), new Axis(3, 0.5, 3.5, "layer"));
            Fills.Occupancy(occupancy, chunk, random, "CND", Cnd(side, Readout.Tdc), c => (c.Channel.Sector, c.Channel.Layer));
            pads.Add(new Pad(occupancy) { Map = CndOccupancy(side) });
        }
        foreach (var side in new[] { 0, 1 })
        {
            var tdc = new H2F($"TDC {CndSides[side]} - amplitude", new Axis(50, 0, 17000, $"TDC {CndSides[side]} - amplitude"), Axis.Channels(72, $"PMT {CndSides[side]} (lay. comb.)"));
            Fills.Spectrum(tdc, chunk, random, "CND", Cnd(side, Readout.Tdc), c => (c.Channel.Sector - 1) * 3 + c.Channel.Layer,
                c => Shape.Timing(9000 + 40 * chunk.TimeShift("CND") + 500 * ChunkContext.Own(c, 36), 300));
            pads.Add(new Pad(tdc) { Map = CndCombined(side) });
        }
        return new PlotCanvas("CND_tdc", 2, 2, pads);
    }
}
