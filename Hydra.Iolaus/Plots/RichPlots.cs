using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>RICH (mon12 RICHmonitor): modules in sectors 1 and 4; "s1" and "s4" are modules, not per-sector tabs.</summary>
internal static class RichPlots
{
    public static IEnumerable<PlotDefinition> All =>
    [
        new("RICH_s1", "RICH", chunk => Module(chunk, 1)),
        new("RICH_s4", "RICH", chunk => Module(chunk, 4)),
        new("RICH_time", "RICH", Time),
        new("RICH_occupancy2d", "RICH", Occupancy2D),
    ];

    private static IEnumerable<ReadoutChannel> Anodes(int sector) =>
        Clas12.Rich.Channels.Where(c => c.Sector == sector).Select(c => new ReadoutChannel(c, Readout.Tdc));

    private static int PixelIndex(DetectorChannel c) => (c.Layer - 1) * Clas12.RichAnodes + c.Component - 1;

    private static PlotCanvas Module(ChunkContext chunk, int sector)
    {
        var name = $"RICH_s{sector}";
        var random = chunk.RandomFor(name);
        var pmts = new H1F("PMT Hit Occupancy", Axis.Channels(Clas12.RichPmts, "PMT"), "Counts");
        var pixels = new H1F("Pixel Hit Occupancy", new Axis(25024, -0.5, 25023.5, "Pixel"), "Counts");
        foreach (var anode in Anodes(sector))
        {
            var hits = Poisson.Sample(random, chunk.Expected("RICH", anode));
            if (hits == 0) continue;
            pmts.Fill(anode.Channel.Layer, hits);
            pixels.Fill(PixelIndex(anode.Channel), hits);
        }
        var average = pmts.Entries / Clas12.RichPmts / Clas12.RichAnodes;
        var leading = new H2F("TDC Hit Leading Edge Time", Axis.Channels(Clas12.RichPmts, "PMT"), new Axis(100, 0, 300, "Time (ns)"));
        var overThreshold = new H2F("TDC Hit Time Over Threshold", Axis.Channels(Clas12.RichPmts, "PMT"), new Axis(100, 0, 100, "Time (ns)"));
        foreach (var pmt in Enumerable.Range(1, Clas12.RichPmts))
        {
            var total = pmts.Content[pmt - 1];
            var time = new H1F("", leading.Y);
            Fills.Spectrum(time, random, total, Shape.Timing(110 + chunk.TimeShift("RICH"), 4, 0.1));
            var tot = new H1F("", overThreshold.Y);
            Fills.Spectrum(tot, random, total, MoreShapes.Gaussian(44, 6));
            for (var y = 0; y < 100; y++)
            {
                leading[pmt - 1, y] = time.Content[y];
                overThreshold[pmt - 1, y] = tot.Content[y];
            }
        }
        var byPmt = new ChannelMap("RICH", Coordinate.Fixed(sector), Coordinate.FromX(), Coordinate.Fixed(1), Coordinate.Fixed(0));
        return new PlotCanvas(name, 2, 2,
        [
            new Pad(pmts) { Fill = GrootColors.Fill25, LogY = true, Map = byPmt },
            new Pad(pixels) { Fill = GrootColors.Fill25, LogY = true,
                Map = new ChannelMap("RICH", Coordinate.Fixed(sector), new Coordinate(Axis: 'x', Divide: 64), new Coordinate(Axis: 'x', Modulo: 64), Coordinate.Fixed(0)) },
            new Pad(leading) { ZMin = 0.5, ZMax = Math.Max(6 * average * 64, 1), VerticalLines = [], Map = byPmt },
            new Pad(overThreshold) { ZMin = 0.5, ZMax = Math.Max(6 * average * 64, 1), Map = byPmt },
        ]);
    }

    private static PlotCanvas Time(ChunkContext chunk)
    {
        var random = chunk.RandomFor("RICH_time");
        var pads = new List<Pad?>();
        foreach (var sector in Clas12.RichSectors)
        {
            var total = Fills.Sum(chunk, "RICH", Anodes(sector));
            var edges = new H1F($"Sector {sector}", new Axis(100, 0, 300, "Leading and Trailing Edge Time (ns)"));
            Fills.Spectrum(edges, random, total, Shape.Timing(110 + chunk.TimeShift("RICH"), 4, 0.1));
            var trailing = new H1F("", edges.X);
            Fills.Spectrum(trailing, random, total, Shape.Timing(154 + chunk.TimeShift("RICH"), 7, 0.1));
            pads.Add(new Pad(edges) { Fill = GrootColors.Fill24, Overlay = trailing, VerticalLines = [110] });
            var tot = new H1F($"Sector {sector}", new Axis(100, 0, 100, "Time Over Threshold (ns)"));
            Fills.Spectrum(tot, random, total, MoreShapes.Gaussian(44, 6));
            pads.Add(new Pad(tot) { Fill = GrootColors.Fill25, VerticalLines = [30, 58] });
            var multiplicity = new H1F($"Sector {sector}", new Axis(100, 0, 300, "TDC Multiplicity"));
            var perEvent = chunk.Events > 0 ? total / chunk.Events : 0;
            Fills.Spectrum(multiplicity, random, chunk.Events, MoreShapes.Gaussian(perEvent, Math.Max(1, Math.Sqrt(perEvent) * 2)));
            pads.Add(new Pad(multiplicity) { Fill = GrootColors.Fill24 });
        }
        return new PlotCanvas("RICH_time", 2, 3, pads);
    }

    /// <summary>Pixel maps of both modules in kRainBow, as mon12 draws them.</summary>
    private static PlotCanvas Occupancy2D(ChunkContext chunk)
    {
        var random = chunk.RandomFor("RICH_occupancy2d");
        var pads = Clas12.RichSectors.Select(sector =>
        {
            var map = new H2F($"Sector {sector}", new Axis(260, -130, 130), new Axis(207, 0, 207));
            foreach (var anode in Anodes(sector))
            {
                var hits = Poisson.Sample(random, chunk.Expected("RICH", anode));
                if (hits == 0) continue;
                var (x, y) = RichLayout.Pixel(anode.Channel.Layer, anode.Channel.Component);
                map[x, y] += hits;
            }
            return new Pad(map) { Palette = Palette.RainBow };
        });
        return new PlotCanvas("RICH_occupancy2d", 1, 2, [.. pads]);
    }
}
