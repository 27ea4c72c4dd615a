using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>The forward tagger: FT-Cal crystals and FT-Hodo tiles.</summary>
internal static class ForwardTaggerPlots
{
    public static IEnumerable<PlotDefinition> All =>
    [
        new("FTCAL_adc", "FTCAL", FtCal),
        new("FTHODO_occupancy", "FTHODO", HodoOccupancy),
        new("FTHODO_adc", "FTHODO", HodoAdc),
    ];

    private const double CrystalSize = 15; // mm: 22 crystals span [-165, 165]

    private static (double X, double Y) CrystalCentre(int component)
    {
        var (column, row) = Clas12.FtCalCrystals()[component - 1];
        return (-165 + (column + 0.5) * CrystalSize, -165 + (row + 0.5) * CrystalSize);
    }

    private static PlotCanvas FtCal(ChunkContext chunk)
    {
        var random = chunk.RandomFor("FTCAL_adc");
        var channels = Clas12.FtCal.Channels.Select(c => new ReadoutChannel(c, Readout.Adc)).ToList();
        var occupancy = new H2F("", new Axis(22, -165, 165, "Crystal -X"), new Axis(22, -165, 165, "Crystal Y"));
        Fills.Occupancy(occupancy, chunk, random, "FTCAL", channels, c => CrystalCentre(c.Channel.Component));
        var pedestal = new H2F("", occupancy.X, occupancy.Y);
        foreach (var c in channels)
        {
            var (x, y) = CrystalCentre(c.Channel.Component);
            pedestal.Fill(x, y, 0.8 + 0.6 * ChunkContext.Own(c, 51) + (chunk.Effects.IsNoisy("FTCAL", c) ? 1.0 : 0));
        }
        var amplitude = new H2F("", new Axis(50, 0, 5000, "FADC - amplitude"), Axis.Channels(332, "Crystal"));
        Fills.Spectrum(amplitude, chunk, random, "FTCAL", channels, c => c.Channel.Component, c => Shape.Charge(900 * (0.8 + 0.4 * ChunkContext.Own(c, 52))));
        var time = new H2F("", new Axis(50, 0, 500, "FADC - time"), Axis.Channels(332, "Crystal"));
        Fills.Spectrum(time, chunk, random, "FTCAL", channels, c => c.Channel.Component, c => Shape.Timing(180 + chunk.TimeShift("FTCAL") + 10 * ChunkContext.Own(c, 53), 8));
        var byCrystal = new ChannelMap("FTCAL", Coordinate.Fixed(1), Coordinate.Fixed(1), Coordinate.FromY(), Coordinate.Fixed(0));
        return new PlotCanvas("FTCAL_adc", 2, 2,
        [
            new Pad(occupancy) { LogZ = false },
            new Pad(pedestal) { LogZ = false, ZMin = 0.01, ZMax = 2.0 },
            new Pad(amplitude) { Map = byCrystal },
            new Pad(time) { Map = byCrystal },
        ]);
    }

    /// <summary>SiPM number 1-116 of a tile within its layer: tiles counted sector by sector.</summary>
    private static int Sipm(DetectorChannel c) => Clas12.FtHodoTilesPerSector.Take(c.Sector - 1).Sum() + c.Component;

    /// <summary>
    /// Tile centres on the 24 x 24 display grid (15 mm bins over [-180, 180]): odd sectors hold 9
    /// wide tiles (2 x 2 bins), even sectors 20 narrow ones, in the eight octants around the beam.
    /// </summary>
    private static (double X, double Y, bool Wide) TileCentre(DetectorChannel c)
    {
        var angle = (c.Sector - 1) * Math.PI / 4 + Math.PI / 8;
        var wide = c.Sector % 2 == 1;
        var perRing = wide ? 3 : 5;
        var ring = (c.Component - 1) / perRing;
        var within = (c.Component - 1) % perRing;
        var radius = 50 + ring * (wide ? 30 : 22);
        var spread = (within - (perRing - 1) / 2.0) * (wide ? 0.22 : 0.13);
        return (radius * Math.Cos(angle + spread), radius * Math.Sin(angle + spread), wide);
    }

    private static PlotCanvas HodoOccupancy(ChunkContext chunk)
    {
        var random = chunk.RandomFor("FTHODO_occupancy");
        var pads = new List<Pad?>();
        var grids = new List<Pad>();
        foreach (var layer in new[] { 1, 2 })
        {
            var channels = Clas12.FtHodo.Channels.Where(c => c.Layer == layer).Select(c => new ReadoutChannel(c, Readout.Adc)).ToList();
            var grid = new H2F($"layer {layer}", new Axis(24, -180, 180, "Tile -X"), new Axis(24, -180, 180, "Tile Y"));
            var bySipm = new H1F($"layer {layer}", Axis.Channels(116, "SiPM"), "Counts");
            foreach (var c in channels)
            {
                var hits = Poisson.Sample(random, chunk.Expected("FTHODO", c));
                var (x, y, wide) = TileCentre(c.Channel);
                if (wide)
                {
                    // Wide tiles cover 2 x 2 bins of the display grid.
                    foreach (var (dx, dy) in new[] { (-7.5, -7.5), (7.5, -7.5), (-7.5, 7.5), (7.5, 7.5) }) grid.Fill(x + dx, y + dy, hits);
                }
                else
                {
                    grid.Fill(x, y, hits);
                }
                bySipm.Fill(Sipm(c.Channel), hits);
            }
            grids.Add(new Pad(grid) { LogZ = false });
            pads.Add(null);
            pads.Add(new Pad(bySipm) { Fill = GrootColors.Fill38, LogZ = false });
        }
        pads[0] = grids[0];
        pads[2] = grids[1];
        return new PlotCanvas("FTHODO_occupancy", 2, 2, pads);
    }

    private static PlotCanvas HodoAdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("FTHODO_adc");
        var pads = new List<Pad?>();
        foreach (var layer in new[] { 1, 2 })
        {
            var channels = Clas12.FtHodo.Channels.Where(c => c.Layer == layer).Select(c => new ReadoutChannel(c, Readout.Adc)).ToList();
            var amplitude = new H2F($"layer {layer}", new Axis(65, 0, 65000, "FADC - amplitude"), Axis.Channels(116, "SiPM"));
            Fills.Spectrum(amplitude, chunk, random, "FTHODO", channels, c => Sipm(c.Channel), c => Shape.Charge(12000 * (0.8 + 0.4 * ChunkContext.Own(c, 54))));
            var time = new H2F($"layer {layer}", new Axis(50, 0, 500, "FADC - time"), Axis.Channels(116, "SiPM"));
            Fills.Spectrum(time, chunk, random, "FTHODO", channels, c => Sipm(c.Channel), c => Shape.Timing(190 + chunk.TimeShift("FTHODO") + 10 * ChunkContext.Own(c, 55), 8));
            pads.Add(new Pad(amplitude));
            pads.Add(new Pad(time));
        }
        return new PlotCanvas("FTHODO_adc", 2, 2, pads);
    }
}
