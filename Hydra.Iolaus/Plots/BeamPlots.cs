using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>
/// Plots of the beam and the data flow rather than a detector's channels: RF timing, helicity,
/// trigger bits and the trigger-phase time jitter. Defaults as mon12's before CCDB is read:
/// RF bucket 4.008 ns, 32 cycles, TDC LSB 0.023456 ns.
/// </summary>
internal static class BeamPlots
{
    private const double Bucket = 4.008;
    private const double TdcLsb = 0.023456;

    public static IEnumerable<PlotDefinition> All =>
    [
        new("RF_adc", "RF", RfAdc),
        new("RF_tdc", "RF", RfTdc),
        new("RF_time", "RF", RfTime),
        new("HEL_signals", "HEL", HelSignals),
        new("HEL_board", "HEL", HelBoard),
        new("Trigger_bits", "Trigger", TriggerBits),
        new("TimeJitter_phase", "TimeJitter", TimeJitter),
    ];

    private static Pad Fit(H1F histogram, Random random, double total, Shape shape, GrootColor fill = GrootColor.Fill33)
    {
        Fills.Spectrum(histogram, random, total, shape);
        return new Pad(histogram) { Fill = fill == GrootColor.Fill33 ? GrootColors.Fill33 : GrootColors.Fill36 };
    }

    private enum GrootColor { Fill33, Fill36 }

    private static double RfDiff(ChunkContext chunk) => (1.25 + chunk.TimeShift("RF") / 10) % Bucket;

    private static PlotCanvas RfTdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("RF_tdc");
        var hits = chunk.Events * 3.0;
        var pads = new List<Pad?>();
        foreach (var (rf, colour) in new[] { (1, GrootColor.Fill33), (2, GrootColor.Fill36) })
        {
            var period = 32 * Bucket / TdcLsb; // ~5,468 TDC counts between RF pulses
            pads.Add(Fit(new H1F($"RF{rf} tdc", new Axis(400, 0, 120000, $"RF{rf} tdc")), random, hits, new FlatShape(0, 110000), colour));
            var diff = new H1F($"RF{rf} diff", new Axis(100, -54, 16503, $"RF{rf} diff"));
            foreach (var multiple in new[] { 1, 2, 3 }) Fills.Spectrum(diff, random, hits / (multiple * 2.0), MoreShapes.Gaussian(period * multiple, 25));
            pads.Add(new Pad(diff) { Fill = colour == GrootColor.Fill33 ? GrootColors.Fill33 : GrootColors.Fill36 });
            var correlation = new H2F($"RF{rf} tdc", new Axis(100, 0, 120000, $"RF{rf} tdc"), new Axis(25, -54, 16503, $"RF{rf} diff"));
            for (var x = 0; x < correlation.X.Bins; x++)
                for (var multiple = 1; multiple <= 3; multiple++)
                    correlation.Fill(correlation.X.Center(x), period * multiple, Poisson.Sample(random, hits / 100 / (multiple * 2.0)));
            pads.Add(new Pad(correlation));
        }
        return new PlotCanvas("RF_tdc", 2, 3, pads);
    }

    private static PlotCanvas RfTime(ChunkContext chunk)
    {
        var random = chunk.RandomFor("RF_time");
        var events = (double)chunk.Events;
        var diff = RfDiff(chunk);
        var vsRf1 = new H2F("", new Axis(100, 0, 256.512, "RF1 (ns)"), new Axis(200, 0, Bucket, "RF diff (ns)"));
        var vsRf2 = new H2F("", new Axis(100, 0, 256.512, "RF2 (ns)"), new Axis(200, 0, Bucket, "RF diff (ns)"));
        foreach (var band in new[] { vsRf1, vsRf2 })
        {
            for (var x = 0; x < band.X.Bins; x++)
            {
                var column = new H1F("", band.Y);
                Fills.Spectrum(column, random, events / 100, MoreShapes.Gaussian(diff, 0.03));
                for (var y = 0; y < band.Y.Bins; y++) band[x, y] = column.Content[y];
            }
        }
        return new PlotCanvas("RF_time", 2, 3,
        [
            Fit(new H1F("RF diff", new Axis(170, 0, Bucket, "RF diff")), random, events, MoreShapes.Gaussian(diff, 0.04)),
            Fit(new H1F("RF1 diff (ns)", new Axis(128, 126.256, 130.256, "RF1 diff (ns)")), random, events, MoreShapes.Gaussian(32 * Bucket, 0.03)),
            Fit(new H1F("RF2 diff (ns)", new Axis(128, 126.256, 130.256, "RF2 diff (ns)")), random, events, MoreShapes.Gaussian(32 * Bucket, 0.03), GrootColor.Fill36),
            Fit(new H1F("RF diff", new Axis(500, 0, Bucket, "RF diff")), random, events, MoreShapes.Gaussian(diff, 0.02)),
            new Pad(vsRf1) { LogZ = false },
            new Pad(vsRf2) { LogZ = false },
        ]);
    }

    private static PlotCanvas RfAdc(ChunkContext chunk)
    {
        var random = chunk.RandomFor("RF_adc");
        var events = (double)chunk.Events;
        // mon12 titles the FADC time axes "tdc"; kept so the image matches.
        return new PlotCanvas("RF_adc", 2, 3,
        [
            Fit(new H1F("RF1 tdc", new Axis(100, 0, 400, "RF1 tdc")), random, events, MoreShapes.Gaussian(150 + chunk.TimeShift("RF"), 4)),
            Fit(new H1F("RF1 adc", new Axis(100, 0, 60000, "RF1 adc")), random, events, MoreShapes.Gaussian(31000, 900)),
            Fit(new H1F("RF diff", new Axis(400, 0, Bucket, "RF diff")), random, events, MoreShapes.Gaussian(RfDiff(chunk), 0.05)),
            Fit(new H1F("RF2 tdc", new Axis(100, 0, 400, "RF2 tdc")), random, events, MoreShapes.Gaussian(152 + chunk.TimeShift("RF"), 4), GrootColor.Fill36),
            Fit(new H1F("RF2 adc", new Axis(100, 0, 60000, "RF2 adc")), random, events, MoreShapes.Gaussian(29500, 900), GrootColor.Fill36),
            null,
        ]);
    }

    private static PlotCanvas HelSignals(ChunkContext chunk)
    {
        var random = chunk.RandomFor("HEL_signals");
        var events = (double)chunk.Events;
        var names = new[] { "helicity", "sync", "quartet" };
        var fills = new[] { GrootColors.Fill22, GrootColors.Fill33, GrootColors.Fill44 };
        var pads = new List<Pad?>();
        foreach (var divided in new[] { false, true })
        {
            for (var i = 0; i < 3; i++)
            {
                // Each signal is a two-level pedestal: low and high states, half the events each.
                var histogram = divided ? new H1F(names[i], new Axis(20, -1.5, 1.5, names[i])) : new H1F(names[i], new Axis(200, 0, 4000, names[i]));
                var scale = divided ? 1 / 2000.0 : 1;
                Fills.Spectrum(histogram, random, events / 2, MoreShapes.Gaussian(250 * scale, 20 * scale));
                Fills.Spectrum(histogram, random, events / 2, MoreShapes.Gaussian(2250 * scale, 20 * scale));
                pads.Add(new Pad(histogram) { Fill = fills[i], LogY = !divided });
            }
        }
        return new PlotCanvas("HEL_signals", 2, 3, pads);
    }

    private static PlotCanvas HelBoard(ChunkContext chunk)
    {
        var random = chunk.RandomFor("HEL_board");
        var events = chunk.Events;
        H1F TwoStates(string title)
        {
            var histogram = new H1F(title, new Axis(3, -1.5, 1.5, title), "Counts");
            histogram.Fill(-1, Poisson.Sample(random, events / 2.0));
            histogram.Fill(1, Poisson.Sample(random, events / 2.0));
            return histogram;
        }
        var correlation = new H2F("", new Axis(3, -1.5, 1.5, "L3"), new Axis(3, -1.5, 1.5, "Helicity"));
        correlation.Fill(-1, -1, Poisson.Sample(random, events / 2.0));
        correlation.Fill(1, 1, Poisson.Sample(random, events / 2.0));
        return new PlotCanvas("HEL_board", 2, 3,
        [
            new Pad(TwoStates("Helicity")), new Pad(TwoStates("L3")), new Pad(correlation) { Palette = Palette.Avocado },
            new Pad(TwoStates("HelicityRaw")), new Pad(TwoStates("Pair")), new Pad(TwoStates("Pattern")),
        ]);
    }

    /// <summary>Bit 0 is the electron trigger; 1-6 the sector triggers; a few others are prescaled.</summary>
    private static PlotCanvas TriggerBits(ChunkContext chunk)
    {
        var random = chunk.RandomFor("Trigger_bits");
        var histogram = new H1F("Trigger bits", new Axis(64, -0.5, 63.5, "bits"), "Counts");
        for (var bit = 0; bit < 64; bit++)
        {
            var probability = bit switch { 0 => 0.92, <= 6 => 0.16, 7 or 8 => 0.04, 24 or 25 => 0.01, 31 => 0.003, _ => 0 };
            histogram.Fill(bit, Poisson.Sample(random, chunk.Events * probability));
        }
        return new PlotCanvas("Trigger_bits", 1, 1, [new Pad(histogram) { Fill = GrootColors.Fill4, LogY = true }]);
    }

    /// <summary>TDC minus FADC time per trigger phase: flat across the 6 phases when the jitter correction is right.</summary>
    private static PlotCanvas TimeJitter(ChunkContext chunk)
    {
        var random = chunk.RandomFor("TimeJitter_phase");
        var titles = new[] { ("CTOF Upstream PMTs", 0.0, 100.0, 45.0), ("FTOF-1B Left PMTs", -20.0, 80.0, 28.0), ("CTOF Downstream PMTs", 0.0, 100.0, 47.0), ("FTOF-1B Right PMTs", -20.0, 80.0, 30.0) };
        var shift = chunk.TimeShift("TimeJitter");
        var pads = titles.Select(t =>
        {
            var histogram = new H2F(t.Item1, new Axis(6, 0, 6, "Trigger Phase"), new Axis(100, t.Item2, t.Item3, "#DeltaT (ns)"));
            for (var phase = 0; phase < 6; phase++)
            {
                var column = new H1F("", histogram.Y);
                // A wrong jitter correction moves each phase by 4 ns steps.
                Fills.Spectrum(column, random, chunk.Events / 6.0, MoreShapes.Gaussian(t.Item4 + (shift != 0 ? 4 * phase : 0), 1.2));
                for (var y = 0; y < histogram.Y.Bins; y++) histogram[phase, y] = column.Content[y];
            }
            return new Pad(histogram);
        });
        return new PlotCanvas("TimeJitter_phase", 2, 2, [.. pads]);
    }

    private sealed record FlatShape(double From, double To) : Shape
    {
        public override double Density(double x) => x >= From && x < To ? 1 / (To - From) : 0;
    }
}
