using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Core.TranslationTables;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>DC (mon12 DCmonitor): 3 x 2 pads, one per sector (S1 S2 / S3 S4 / S5 S6).</summary>
internal static class DcPlots
{
    private const string Detector = "DC";

    public static IEnumerable<PlotDefinition> All =>
    [
        new("DC_occupancy", Detector, chunk => Occupancy(chunk, "DC_occupancy", logZ: true, 1.0)),
        new("DC_occupancyNorm", Detector, chunk => Occupancy(chunk, "DC_occupancyNorm", logZ: false, 1.0)),
        new("DC_occupancyToT", Detector, chunk => Occupancy(chunk, "DC_occupancyToT", logZ: false, 0.85)),
        new("DC_occupancyPercent", Detector, OccupancyPercent),
        new("DC_multiplicity", Detector, Multiplicity),
        new("DC_tot", Detector, TimeOverThreshold),
        new("DC_groupMult", Detector, GroupMultiplicity),
        new("DC_tdc2d", Detector, Tdc2D),
        .. PlotCatalog.PerSector(Detector, "tdc1d", Tdc1D),
    ];

    private static IEnumerable<ReadoutChannel> Channels(int sector) =>
        Clas12.Dc.Channels.Where(c => c.Sector == sector).Select(c => new ReadoutChannel(c, Readout.Tdc));

    private static PlotCanvas BySector(string name, Func<int, Pad> pad) => new(name, 3, 2, [.. Enumerable.Range(1, 6).Select(pad)]);

    /// <summary>Per-wire occupancy in % of events (100 * hits / events), Z fixed to [0.01, 10] as mon12's max_occ.</summary>
    private static PlotCanvas Occupancy(ChunkContext chunk, string name, bool logZ, double share)
    {
        var random = chunk.RandomFor(name);
        var percent = chunk.Events > 0 ? 100.0 / chunk.Events : 0;
        return BySector(name, sector =>
        {
            var histogram = new H2F($"sector {sector}", Axis.Channels(Clas12.DcWires, "wire"), Axis.Channels(Clas12.DcLayers, "layer"));
            Fills.Occupancy(histogram, chunk, random, Detector, Channels(sector), c => (c.Channel.Component, c.Channel.Layer), share);
            for (var i = 0; i < histogram.Content.Length; i++) histogram.Content[i] *= percent;
            return new Pad(histogram)
            {
                LogZ = logZ, ZMin = 0.01, ZMax = 10,
                Map = new ChannelMap(Detector, Coordinate.Fixed(sector), Coordinate.FromY(), Coordinate.FromX(), Coordinate.Fixed(0)),
            };
        });
    }

    private static PlotCanvas OccupancyPercent(ChunkContext chunk)
    {
        var random = chunk.RandomFor("DC_occupancyPercent");
        return BySector("DC_occupancyPercent", sector =>
        {
            var histogram = new H1F($"sector {sector}", new Axis(3, 0.5, 3.5, "region"), "occupancy %");
            foreach (var region in new[] { 1, 2, 3 })
            {
                var hits = Channels(sector).Where(c => Clas12.DcRegion(c.Channel.Layer) == region).Sum(c => Poisson.Sample(random, chunk.Expected(Detector, c)));
                histogram.Fill(region, chunk.Events > 0 ? 100.0 * hits / chunk.Events / Clas12.DcWires / 12 : 0);
            }
            return new Pad(histogram); // a region is 1,344 wires: no single channel to map to
        });
    }

    private static PlotCanvas Multiplicity(ChunkContext chunk)
    {
        var random = chunk.RandomFor("DC_multiplicity");
        return BySector("DC_multiplicity", sector =>
        {
            var histogram = new H1F($"sector {sector}", new Axis(200, 0, 1000, "hit multiplicity"), "counts");
            var mean = chunk.Events > 0 ? Fills.Sum(chunk, Detector, Channels(sector)) / chunk.Events : 0;
            Fills.Spectrum(histogram, random, chunk.Events, MoreShapes.Gaussian(mean, Math.Max(2, 0.35 * mean)));
            return new Pad(histogram);
        });
    }

    private static PlotCanvas TimeOverThreshold(ChunkContext chunk)
    {
        var random = chunk.RandomFor("DC_tot");
        return BySector("DC_tot", sector =>
        {
            var histogram = new H1F($"sector {sector}", new Axis(200, 0, 1000, "hit tot"), "counts");
            Fills.Spectrum(histogram, random, Fills.Sum(chunk, Detector, Channels(sector)), Shape.Charge(160));
            return new Pad(histogram);
        });
    }

    /// <summary>Hits per 16-input group of a TDC board per event; y = (region - 1) * 85 + board group, as mon12 numbers them.</summary>
    private static PlotCanvas GroupMultiplicity(ChunkContext chunk)
    {
        var random = chunk.RandomFor("DC_groupMult");
        var table = ChunkContext.TableOf(Detector);
        var histogram = new H2F("DC_groupMult", new Axis(64, 0, 64, "multiplicity"), new Axis(255, 0, 255, "group"));
        foreach (var group in table.Rows.GroupBy(r => (Sector: r.Sector, Region: Clas12.DcRegion(r.Layer), Group: BoardGroup(r))))
        {
            var lambda = chunk.Events > 0
                ? group.Sum(r => chunk.Expected(Detector, new ReadoutChannel(new DetectorChannel(r.Sector, r.Layer, r.Component), Readout.Tdc))) / chunk.Events
                : 0;
            var y = (group.Key.Region - 1) * 85 + group.Key.Group + 0.5;
            var pmf = Math.Exp(-lambda);
            for (var m = 0; m < 64; m++)
            {
                if (m > 0) histogram.Fill(m + 0.5, y, Poisson.Sample(random, chunk.Events * pmf));
                pmf *= lambda / (m + 1);
            }
        }
        return new PlotCanvas("DC_groupMult", 1, 1, [new Pad(histogram)]);
    }

    private static int BoardGroup(TranslationRow row) =>
        Array.IndexOf(TranslationTableGenerator.DcSlots, row.Address.Slot) * 6 + row.Address.Channel / 16;

    private static Shape DriftOf(int layer, double shift) => MoreShapes.Drift(180 + shift, Clas12.DcRegion(layer) switch { 1 => 700, 2 => 1150, _ => 1750 } + shift);

    private static PlotCanvas Tdc2D(ChunkContext chunk)
    {
        var random = chunk.RandomFor("DC_tdc2d");
        return BySector("DC_tdc2d", sector =>
        {
            var histogram = new H2F($"sector {sector}", new Axis(404, 0, 2020, "tdc raw"), Axis.Channels(Clas12.DcLayers, "layer"));
            foreach (var layer in Enumerable.Range(1, Clas12.DcLayers))
            {
                var total = Channels(sector).Where(c => c.Channel.Layer == layer).Sum(c => chunk.Expected(Detector, c));
                var shape = DriftOf(layer, chunk.TimeShift(Detector));
                for (var x = 0; x < histogram.X.Bins; x++)
                {
                    histogram[x, layer - 1] += Poisson.Sample(random, total * shape.Density(histogram.X.Center(x)) * histogram.X.BinWidth);
                }
            }
            return new Pad(histogram)
            {
                Map = new ChannelMap(Detector, Coordinate.Fixed(sector), Coordinate.FromY(), Coordinate.Fixed(1), Coordinate.Fixed(0)),
            };
        });
    }

    /// <summary>TDC spectrum per superlayer; mon12 fills it with fill(TDC, layer), i.e. weighted by layer number.</summary>
    private static PlotCanvas Tdc1D(ChunkContext chunk, int sector)
    {
        var name = $"DC_tdc1d_s{sector}";
        var random = chunk.RandomFor(name);
        var pads = Enumerable.Range(1, 6).Select(superlayer =>
        {
            var histogram = new H1F($"Sector {sector} Superlayer {superlayer} TDC spectrum", new Axis(404, 0, 2020));
            foreach (var layer in Enumerable.Range((superlayer - 1) * 6 + 1, 6))
            {
                var total = Channels(sector).Where(c => c.Channel.Layer == layer).Sum(c => chunk.Expected(Detector, c));
                var part = new H1F("", histogram.X);
                Fills.Spectrum(part, random, total, DriftOf(layer, chunk.TimeShift(Detector)));
                for (var i = 0; i < part.Content.Length; i++) histogram.Content[i] += part.Content[i] * layer;
            }
            return new Pad(histogram) { LogZ = false };
        });
        return new PlotCanvas(name, 3, 2, [.. pads]);
    }
}
