using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>FTOF (mon12 FTOFmonitor): 3 x 2 pads, rows P1A / P1B / P2, columns Left / Right PMTs, all log Z.</summary>
internal static class FtofPlots
{
    private const string Detector = "FTOF";

    public static IEnumerable<PlotDefinition> All =>
    [
        new("FTOF_adcOccupancy", Detector, chunk => Occupancy(chunk, Readout.Adc, "FTOF_adcOccupancy")),
        new("FTOF_tdcOccupancy", Detector, chunk => Occupancy(chunk, Readout.Tdc, "FTOF_tdcOccupancy")),
        .. PlotCatalog.PerSector(Detector, "adcEnergy", (chunk, s) => Spectra(chunk, s, "adcEnergy", new Axis(100, 0, 4000, "ADC Channel"), Readout.Adc,
            c => Shape.Charge(1300 * (0.75 + 0.5 * ChunkContext.Own(c, 21))), $"Sector {s}")),
        .. PlotCatalog.PerSector(Detector, "adcTime", (chunk, s) => Spectra(chunk, s, "adcTime", new Axis(80, 0, 400, "adcTime"), Readout.Adc,
            c => Shape.Timing(160 + chunk.TimeShift(Detector) + 10 * ChunkContext.Own(c, 22), 6), $"Sector {s}")),
        .. PlotCatalog.PerSector(Detector, "tdc", (chunk, s) => Spectra(chunk, s, "tdc", new Axis(100, 0, 600, "TDC Channel"), Readout.Tdc,
            c => Shape.Timing(270 + chunk.TimeShift(Detector) + 12 * ChunkContext.Own(c, 23), 8), $"Sector {s}")),
    ];

    private static readonly (int Layer, int Side)[] PadOrder = [(1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1)];

    private static string PadName(int layer, int side) => $"{Clas12.FtofPanelNames[layer - 1]} {(side == 0 ? "Left" : "Right")} PMTS";

    private static Axis PaddleAxis(int layer, string title) => new(Clas12.FtofPaddles[layer - 1], 1, Clas12.FtofPaddles[layer - 1] + 1, title);

    private static IEnumerable<ReadoutChannel> Channels(int layer, int side, Readout readout, int? sector = null) =>
        Clas12.Ftof.Channels.Where(c => c.Layer == layer && c.Side == side && (sector is null || c.Sector == sector))
            .Select(c => new ReadoutChannel(c, readout));

    private static PlotCanvas Occupancy(ChunkContext chunk, Readout readout, string name)
    {
        var random = chunk.RandomFor(name);
        var pads = PadOrder.Select(p =>
        {
            var histogram = new H2F(PadName(p.Layer, p.Side), new Axis(6, 0.5, 6.5, "sector"), PaddleAxis(p.Layer, "paddle"));
            Fills.Occupancy(histogram, chunk, random, Detector, Channels(p.Layer, p.Side, readout), c => (c.Channel.Sector, c.Channel.Component));
            return new Pad(histogram)
            {
                Map = new ChannelMap(Detector, Coordinate.FromX(), Coordinate.Fixed(p.Layer), Coordinate.FromY(), Coordinate.Fixed(p.Side)),
            };
        });
        return new PlotCanvas(name, 3, 2, [.. pads]);
    }

    private static PlotCanvas Spectra(ChunkContext chunk, int sector, string tab, Axis x, Readout readout, Func<ReadoutChannel, Shape> shape, string title)
    {
        var name = $"FTOF_{tab}_s{sector}";
        var random = chunk.RandomFor(name);
        var pads = PadOrder.Select(p =>
        {
            var histogram = new H2F(title, x, PaddleAxis(p.Layer, PadName(p.Layer, p.Side)));
            Fills.Spectrum(histogram, chunk, random, Detector, Channels(p.Layer, p.Side, readout, sector), c => c.Channel.Component, shape);
            return new Pad(histogram)
            {
                Map = new ChannelMap(Detector, Coordinate.Fixed(sector), Coordinate.Fixed(p.Layer), Coordinate.FromY(), Coordinate.Fixed(p.Side)),
            };
        });
        return new PlotCanvas(name, 3, 2, [.. pads]);
    }
}
