using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>ECAL (mon12 ECmonitor): 3 x 3 pads, rows PCAL / ECin / ECout, columns U / V / W, all log Z.</summary>
internal static class EcalPlots
{
    private const string Detector = "ECAL";

    public static IEnumerable<PlotDefinition> All =>
    [
        new("ECAL_adcOccupancy", Detector, chunk => Occupancy(chunk, Readout.Adc, "ECAL_adcOccupancy")),
        new("ECAL_tdcOccupancy", Detector, chunk => Occupancy(chunk, Readout.Tdc, "ECAL_tdcOccupancy")),
        .. PlotCatalog.PerSector(Detector, "adcEnergy", (chunk, s) => Spectra(chunk, s, "adcEnergy", new Axis(100, 0, 2000, "ADC Channel"), Readout.Adc,
            c => Shape.Charge(500 * (0.8 + 0.4 * ChunkContext.Own(c, 11))), $"Sector {s}")),
        .. PlotCatalog.PerSector(Detector, "adcTime", (chunk, s) => Spectra(chunk, s, "adcTime", new Axis(80, 0, 400, "adcTime"), Readout.Adc,
            c => Shape.Timing(190 + chunk.TimeShift(Detector) + 8 * ChunkContext.Own(c, 12), 7), null)),
        .. PlotCatalog.PerSector(Detector, "tdc", (chunk, s) => Spectra(chunk, s, "tdc", new Axis(100, 0, 600, "TDC Channel"), Readout.Tdc,
            c => Shape.Timing(320 + chunk.TimeShift(Detector) + 10 * ChunkContext.Own(c, 13), 9), $"Sector {s}")),
    ];

    private static Axis StripAxis(int layer) =>
        new(Clas12.EcalStrips[layer - 1], 1, Clas12.EcalStrips[layer - 1] + 1, Clas12.EcalLayerNames[layer - 1] + " strip");

    private static PlotCanvas Occupancy(ChunkContext chunk, Readout readout, string name)
    {
        var random = chunk.RandomFor(name);
        var pads = Enumerable.Range(1, 9).Select(layer =>
        {
            var histogram = new H2F($"layer {layer} Occupancy", new Axis(6, 0.5, 6.5, "sector"), StripAxis(layer));
            Fills.Occupancy(histogram, chunk, random, Detector,
                Clas12.Ecal.Channels.Where(c => c.Layer == layer).Select(c => new ReadoutChannel(c, readout)),
                c => (c.Channel.Sector, c.Channel.Component));
            return new Pad(histogram)
            {
                Map = new ChannelMap(Detector, Coordinate.FromX(), Coordinate.Fixed(layer), Coordinate.FromY(), Coordinate.Fixed(0)),
            };
        });
        return new PlotCanvas(name, 3, 3, [.. pads]);
    }

    private static PlotCanvas Spectra(ChunkContext chunk, int sector, string tab, Axis x, Readout readout, Func<ReadoutChannel, Shape> shape, string? title)
    {
        var name = $"ECAL_{tab}_s{sector}";
        var random = chunk.RandomFor(name);
        var pads = Enumerable.Range(1, 9).Select(layer =>
        {
            // mon12's adcTime keeps the histogram's default title "lay/sec <layer><sector> FADC" (a setTitle bug).
            var histogram = new H2F(title ?? $"lay/sec {layer}{sector} FADC", x, StripAxis(layer));
            Fills.Spectrum(histogram, chunk, random, Detector,
                Clas12.Ecal.Channels.Where(c => c.Sector == sector && c.Layer == layer).Select(c => new ReadoutChannel(c, readout)),
                c => c.Channel.Component, shape);
            return new Pad(histogram)
            {
                Map = new ChannelMap(Detector, Coordinate.Fixed(sector), Coordinate.Fixed(layer), Coordinate.FromY(), Coordinate.Fixed(0)),
            };
        });
        return new PlotCanvas(name, 3, 3, [.. pads]);
    }
}
