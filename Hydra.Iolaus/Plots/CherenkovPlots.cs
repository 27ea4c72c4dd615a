using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>The Cherenkov counters: HTCC (8 PMTs per sector) and LTCC (18 per side per sector).</summary>
internal static class CherenkovPlots
{
    public static IEnumerable<PlotDefinition> All =>
    [
        new("HTCC_occupancy", "HTCC", HtccOccupancy),
        new("HTCC_adcEnergy", "HTCC", chunk => HtccPerSector(chunk, "HTCC_adcEnergy", new Axis(150, 0, 15000, "ADC - value"),
            c => Shape.Charge(5000 * (0.8 + 0.4 * ChunkContext.Own(c, 41))))),
        new("HTCC_adcTime", "HTCC", chunk => HtccPerSector(chunk, "HTCC_adcTime", new Axis(80, 0, 400, "FADC timing"),
            c => Shape.Timing(200 + chunk.TimeShift("HTCC") + 6 * ChunkContext.Own(c, 42), 5))),
        new("HTCC_deltaRF", "HTCC", HtccDeltaRf),
        new("LTCC_adc", "LTCC", LtccAdc),
        new("LTCC_adcTime", "LTCC", LtccTime),
    ];

    /// <summary>mon12's HTCC PMT index within a sector: (ring - 1) * 2 + half, 1-8.</summary>
    private static int HtccPmt(DetectorChannel c) => (c.Component - 1) * 2 + c.Layer;

    private static IEnumerable<ReadoutChannel> Htcc(int? sector = null) =>
        Clas12.Htcc.Channels.Where(c => sector is null || c.Sector == sector).Select(c => new ReadoutChannel(c, Readout.Adc));

    /// <summary>PMTs 1-8 of one sector on an axis: half = PMT modulo 2, ring = PMT / 2.</summary>
    private static ChannelMap HtccMap(int sector, char axis) =>
        new("HTCC", Coordinate.Fixed(sector), new Coordinate(Axis: axis, Modulo: 2), new Coordinate(Axis: axis, Divide: 2), Coordinate.Fixed(0));

    /// <summary>All 48 PMTs on x, as (sector - 1) * 8 + PMT.</summary>
    private static readonly ChannelMap HtccAllOnX = new("HTCC", new Coordinate(Axis: 'x', Divide: 8), new Coordinate(Axis: 'x', Modulo: 2),
        new Coordinate(Axis: 'x', Divide: 2, Modulo: 4), Coordinate.Fixed(0));

    private static PlotCanvas HtccOccupancy(ChunkContext chunk)
    {
        var random = chunk.RandomFor("HTCC_occupancy");
        var map = new H2F("ADC Occupancy", new Axis(6, 0.5, 6.5, "sector"), Axis.Channels(8, "ring-PMT"));
        var hits = Htcc().Select(c => (Channel: c, Hits: Poisson.Sample(random, chunk.Expected("HTCC", c)))).ToList();
        foreach (var (c, n) in hits) map.Fill(c.Channel.Sector, HtccPmt(c.Channel), n);
        var all = new H1F("ADC Occupancy", Axis.Channels(48, "PMT (PMT/ring/sector"), "Counts");
        foreach (var (c, n) in hits) all.Fill((c.Channel.Sector - 1) * 8 + HtccPmt(c.Channel), n);
        return new PlotCanvas("HTCC_occupancy", 2, 1,
        [
            new Pad(map) { Map = new ChannelMap("HTCC", Coordinate.FromX(), new Coordinate(Axis: 'y', Modulo: 2), new Coordinate(Axis: 'y', Divide: 2), Coordinate.Fixed(0)) },
            new Pad(all) { LogY = true, Map = HtccAllOnX },
        ]);
    }

    private static PlotCanvas HtccPerSector(ChunkContext chunk, string name, Axis x, Func<ReadoutChannel, Shape> shape)
    {
        var random = chunk.RandomFor(name);
        var pads = Enumerable.Range(1, 6).Select(sector =>
        {
            var histogram = new H2F($"sector {sector}", x, Axis.Channels(8, "PMT"));
            Fills.Spectrum(histogram, chunk, random, "HTCC", Htcc(sector), c => HtccPmt(c.Channel), shape);
            return new Pad(histogram) { Map = HtccMap(sector, 'y') };
        });
        return new PlotCanvas(name, 2, 3, [.. pads]);
    }

    private static PlotCanvas HtccDeltaRf(ChunkContext chunk)
    {
        const double rf = 4.008;
        var random = chunk.RandomFor("HTCC_deltaRF");
        var pads = new List<Pad?>();
        foreach (var rfNumber in new[] { 1, 2 })
        {
            var histogram = new H2F("", Axis.Channels(48, "PMT"), new Axis(100, -rf / 2, rf / 2, $"HTCC-RF{rfNumber}"));
            var byPmt = new H2F("", histogram.Y, histogram.X);
            Fills.Spectrum(byPmt, chunk, random, "HTCC", Htcc(), c => (c.Channel.Sector - 1) * 8 + HtccPmt(c.Channel),
                c => MoreShapes.Gaussian(0.3 * (ChunkContext.Own(c, 43) - 0.5) + chunk.TimeShift("HTCC") % rf, 0.35));
            Transpose(byPmt, histogram);
            pads.Add(new Pad(histogram) { Map = HtccAllOnX });
        }
        foreach (var rfNumber in new[] { 1, 2 })
        {
            var pmt1 = new H1F($"HTCCpmt1-RF{rfNumber}", new Axis(100, -rf / 2, rf / 2, $"HTCCpmt1-RF{rfNumber}"));
            var first = new ReadoutChannel(new DetectorChannel(1, 1, 1), Readout.Adc);
            Fills.Spectrum(pmt1, random, chunk.Expected("HTCC", first), MoreShapes.Gaussian(chunk.TimeShift("HTCC") % rf, 0.35));
            pads.Add(new Pad(pmt1) { Fill = GrootColors.Fill5 });
        }
        return new PlotCanvas("HTCC_deltaRF", 2, 2, pads);
    }

    /// <summary>Copies a (value x, PMT y) spectrum into a (PMT x, value y) histogram.</summary>
    private static void Transpose(H2F source, H2F target)
    {
        for (var x = 0; x < source.X.Bins; x++)
            for (var y = 0; y < source.Y.Bins; y++)
                target[y, x] += source[x, y];
    }

    private static IEnumerable<ReadoutChannel> Ltcc(int? side = null) =>
        Clas12.Ltcc.Channels.Where(c => side is null || c.Side == side).Select(c => new ReadoutChannel(c, Readout.Adc));

    private static PlotCanvas LtccAdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("LTCC_adc");
        var raw = new H2F("Raw ADC Occupancy", new Axis(12, 0.5, 6.5, "sector (left-right combined)"), Axis.Channels(18, "PMT"));
        Fills.Occupancy(raw, chunk, random, "LTCC", Ltcc(), c => (c.Channel.Sector + 0.5 * c.Channel.Side - 0.25, c.Channel.Component));
        // mon12's "normalized" occupancy divides by an all-ones reference, so it is the raw plot again.
        var normalized = new H2F("Normalized ADC Occupancy", raw.X, raw.Y);
        raw.Content.CopyTo(normalized.Content, 0);
        var occupancyMap = new ChannelMap("LTCC", new Coordinate(Axis: 'x', Divide: 2), Coordinate.Fixed(1), Coordinate.FromY(), new Coordinate(Axis: 'x', Modulo: 2, Offset: -1));
        var pads = new List<Pad?> { new Pad(raw) { Map = occupancyMap }, new Pad(normalized) { Map = occupancyMap } };
        foreach (var side in new[] { 0, 1 })
        {
            var spectrum = new H2F($"ADC {(side == 0 ? "left" : "right")}", new Axis(100, 0, 5000, $"ADC {(side == 0 ? "left" : "right")}"), Axis.Channels(108, "PMT (all sectors combined)"));
            Fills.Spectrum(spectrum, chunk, random, "LTCC", Ltcc(side), c => (c.Channel.Sector - 1) * 18 + c.Channel.Component,
                c => Shape.Charge(900 * (0.8 + 0.4 * ChunkContext.Own(c, 44))));
            pads.Add(new Pad(spectrum) { Map = new ChannelMap("LTCC", new Coordinate(Axis: 'y', Divide: 18), Coordinate.Fixed(1), new Coordinate(Axis: 'y', Modulo: 18), Coordinate.Fixed(side)) });
        }
        return new PlotCanvas("LTCC_adc", 2, 2, pads);
    }

    private static PlotCanvas LtccTime(ChunkContext chunk)
    {
        var random = chunk.RandomFor("LTCC_adcTime");
        var pads = new[] { 0, 1 }.Select(side =>
        {
            var name = side == 0 ? "left" : "right";
            var spectrum = new H2F($"FADC {name} timing", new Axis(80, 0, 400, $"FADC {name} timing"), Axis.Channels(108, "PMT (all sectors combined)"));
            Fills.Spectrum(spectrum, chunk, random, "LTCC", Ltcc(side), c => (c.Channel.Sector - 1) * 18 + c.Channel.Component,
                c => Shape.Timing(210 + chunk.TimeShift("LTCC") + 10 * ChunkContext.Own(c, 45), 7));
            return new Pad(spectrum) { Map = new ChannelMap("LTCC", new Coordinate(Axis: 'y', Divide: 18), Coordinate.Fixed(1), new Coordinate(Axis: 'y', Modulo: 18), Coordinate.Fixed(side)) };
        });
        return new PlotCanvas("LTCC_adcTime", 1, 2, [.. pads]);
    }
}
