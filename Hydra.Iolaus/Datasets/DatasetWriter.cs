using System.Text.Json;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;
using Hydra.Models;
using Hydra.Models.Imaging;
using Hydra.Models.Training;

namespace Hydra.Iolaus.Datasets;

/// <summary>
/// Writes labelled training images: for every plot type, Good images across many condition
/// islands, Bad ones from every fault kind that can reach that plot, NoData and low-statistics
/// ones; and a manifest line per image with its label and the fault that made it. A fault counts
/// only if it changes the plot: each candidate is checked against a fault-free twin of the same
/// chunk (same seed, so the two differ exactly when an affected channel is in the plot), and
/// only if that change is visible at the size a model sees: both images are shrunk to
/// <see cref="ModelInput"/> exactly as training and serving do (<see cref="PlotImage"/>), and at
/// least <see cref="MinVisibleChange"/> of those pixels must move by more than
/// <see cref="PixelTolerance"/> of the grey range. A fault that changes a few bins of a 1590 x 820
/// plot but no pixel of its 160 x 80 thumbnail is not Bad to any model: another fault is tried,
/// and if none is visible the image is written without a fault, as Good. A fault that a change of
/// run conditions could mimic is compared with that look-alike instead of the twin
/// (<see cref="Fault.LookAlike"/>), and one that empties the plot is labelled NoData (ADR-015).
/// A look-alike differs from the fault in rates, not in dead or hot channels, and a change of rates
/// can be smaller than an ordinary statistical fluctuation: such a fault counts only if it moves the
/// image's <see cref="RateBlock"/>-pixel block averages <see cref="NoiseMargin"/> times as much as
/// another Poisson draw of the look-alike does (ADR-017; the manifest records both,
/// <see cref="DatasetEntry.BlockChange"/> and <see cref="DatasetEntry.DrawBlockChange"/>). The
/// manifest records the visible change of every faulty image. mon12 scales most pads to their
/// content, so a fault must also show against the healthy plot redrawn at the fault's rates: one
/// that only scales a pad (a slot summed into a spectrum) is not Bad in one image (ADR-022,
/// <see cref="DatasetEntry.ShapeChange"/>). And every fault must move the histograms by more than
/// the chunk's own statistics do (<see cref="MinSignificance"/> standard deviations, ADR-025).
/// </summary>
public sealed class DatasetWriter(string folder, int perPlot, int seed)
{
    public const string ManifestName = "manifest.jsonl";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Shares of each kind of image; the rest are Good.</summary>
    public double BadShare { get; init; } = 0.4;
    public double NoDataShare { get; init; } = 0.08;
    public double LowStatisticsShare { get; init; } = 0.05;

    /// <summary>The size at which a fault must be visible (the default models' input).</summary>
    public ImageShape ModelInput { get; init; } = PlotModelBuilder.DefaultInput;

    /// <summary>A model-input pixel counts as changed when its grey value (0-1) moves by more than this.</summary>
    public double PixelTolerance { get; init; } = 0.1;

    /// <summary>Share of model-input pixels that must change for a fault to count (0.002 = 26 of 160 x 80).</summary>
    public double MinVisibleChange { get; init; } = 0.002;

    /// <summary>
    /// A rate fault must move the block averages of the image this many times as much as another
    /// Poisson draw of its look-alike does (ADR-017). 0 turns the rule off (the ADR-015 labels).
    /// </summary>
    public double NoiseMargin { get; init; } = 1.5;

    /// <summary>
    /// The side, in model-input pixels, of the blocks a rate fault is measured on. Averaging a block
    /// washes out where the random hits fell but keeps a region's density; 16 x 16 is about a
    /// sector's pad or less in the multi-sector plots.
    /// </summary>
    public int RateBlock { get; init; } = 16;

    /// <summary>
    /// Whether a fault must also show against the healthy plot redrawn at the fault's rates, pad by
    /// pad (<see cref="Datasets.ShapeChange"/>): an autoscaled pad hides a change of rate, so a fault
    /// that only scales a pad is not Bad in one image (ADR-022). False gives the ADR-017 labels.
    /// </summary>
    public bool CompareShapes { get; init; } = true;

    /// <summary>
    /// How many standard deviations of the chunk's own statistics a fault must move the plot's
    /// histograms by (<see cref="Datasets.Significance"/>, ADR-025): a change smaller than a chunk's
    /// fluctuation is a different throw of the dice in one image, not a fault anyone can see.
    /// 0 turns the rule off (the ADR-022 labels).
    /// </summary>
    public double MinSignificance { get; init; } = 5;

    /// <summary>
    /// Further Poisson draws of each candidate fault (and of its look-alike) that estimate its
    /// significance. 16 put the DC_tdc1d slot knock-outs at 0-1 sigma and the timing shifts and crate
    /// knock-outs at 14 or more (ADR-025); each costs two plot builds, not a rendering.
    /// </summary>
    public int SignificanceDraws { get; init; } = 16;

    /// <summary>Faults tried per Bad image before it is written as Good.</summary>
    public int FaultAttempts { get; init; } = 12;

    /// <summary>
    /// How many images are made at once; the cores by default. Bounded because an image takes
    /// hundreds of milliseconds: an unbounded <see cref="Parallel.For(int, int, Action{int})"/>
    /// keeps asking the thread pool for threads, which adds one about every half second, and each
    /// new thread kept its own 8 MB decode buffer from the shared array pool (129 threads and
    /// 3.2 GB peak after 2,000 DC_groupMult images; 0.4 GB bounded, measured with /usr/bin/time).
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    public int Write(IReadOnlyList<PlotDefinition> plots, IProgress<DatasetProgress>? progress = null)
    {
        if (MinSignificance > 0) ArgumentOutOfRangeException.ThrowIfLessThan(SignificanceDraws, 2, nameof(SignificanceDraws)); // a variance needs two draws
        Directory.CreateDirectory(folder);
        var renderer = new PlotRenderer();
        var total = plots.Count * perPlot;
        var lines = new string[total];
        var done = 0;
        var started = DateTime.UtcNow;

        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism }, index =>
        {
            var plot = plots[index / perPlot];
            var sample = index % perPlot;
            var (rendered, entry) = Sample(renderer, plot, sample);
            var relative = Path.Combine(plot.Name, $"{entry.Run}_{entry.Chunk:0000}_{sample:00000}.png");
            Directory.CreateDirectory(Path.Combine(folder, plot.Name));
            File.WriteAllBytes(Path.Combine(folder, relative), rendered.Png);
            lines[index] = JsonSerializer.Serialize(entry with { File = relative.Replace('\\', '/') }, Json);
            var count = Interlocked.Increment(ref done);
            progress?.Report(new DatasetProgress(count, total, DateTime.UtcNow - started));
        });

        // Written last and in index order: the manifest is the same bytes for the same seed.
        File.WriteAllLines(Path.Combine(folder, ManifestName), lines);
        return total;
    }

    /// <summary>Every image a dataset folder's manifest lists, in its order.</summary>
    /// <exception cref="FileNotFoundException">The folder has no manifest (no dataset was written there).</exception>
    public static IEnumerable<DatasetEntry> ReadManifest(string folder) =>
        File.ReadLines(Path.Combine(folder, ManifestName)).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<DatasetEntry>(l, Json)!);

    private (RenderedPlot Rendered, DatasetEntry Entry) Sample(PlotRenderer renderer, PlotDefinition plot, int sample)
    {
        var random = new Random(StableHash.Of(plot.Name, seed) ^ (sample * 104729));
        var run = RunConditions.Random(random, 5000 + random.Next(15000));
        var chunk = 1 + random.Next(200);
        var roll = random.NextDouble();
        var sector = SectorOf(plot.Name);

        List<Fault> faults = [];
        var label = "Good";
        if (roll < NoDataShare)
        {
            faults.Add(new NoData());
            label = "NoData";
        }
        else if (roll < NoDataShare + LowStatisticsShare)
        {
            faults.Add(new LowStatistics(0.02 + 0.05 * random.NextDouble()));
            label = "Acceptable";
        }
        else if (roll < NoDataShare + LowStatisticsShare + BadShare && VisibleFault(renderer, plot, random, run, chunk, sector) is { } faulty)
        {
            return faulty;
        }
        var context = new ChunkContext(run, chunk, seed, faults);
        return (renderer.Render(plot.Build(context)), Entry(plot, context, label));
    }

    /// <summary>
    /// Up to <see cref="FaultAttempts"/> faults for this chunk, the first one visible against its
    /// healthy look-alike at the model's input; null when none is (the chunk is then written as Good).
    /// </summary>
    private (RenderedPlot Rendered, DatasetEntry Entry)? VisibleFault(PlotRenderer renderer, PlotDefinition plot, Random random, RunConditions run, int chunk, int? sector)
    {
        var clean = plot.Build(new ChunkContext(run, chunk, seed, []));
        float[]? cleanPixels = null;
        for (var attempt = 0; attempt < FaultAttempts; attempt++)
        {
            var fault = FaultPicker.Pick(random, plot.Detector, sector);
            if (fault is null) return null;
            var faulty = new ChunkContext(run, chunk, seed, [fault]);
            var canvas = plot.Build(faulty);
            var other = fault.LookAlike(sector);
            var lookAlike = other is null ? clean : plot.Build(new ChunkContext(run, chunk, seed, [other]));
            if (!Differs(lookAlike, canvas)) continue;
            var rendered = renderer.Render(canvas);
            var healthyPixels = other is null
                ? cleanPixels ??= PlotImage.ToTensor(renderer.Render(clean).Png, ModelInput)
                : PlotImage.ToTensor(renderer.Render(lookAlike).Png, ModelInput);
            var faultyPixels = PlotImage.ToTensor(rendered.Png, ModelInput);
            var visible = VisibleChange(healthyPixels, faultyPixels, PixelTolerance);
            if (visible < MinVisibleChange) continue;
            double? shapeVisible = null;
            if (CompareShapes)
            {
                // The same rule against the healthy plot drawn at the fault's rates: what is left is
                // what the fault did to the shapes, which one image can show (ADR-022).
                var atFaultyRates = ShapeChange.AtFaultyRates(lookAlike, canvas);
                shapeVisible = ReferenceEquals(atFaultyRates, lookAlike) ? visible
                    : VisibleChange(PlotImage.ToTensor(renderer.Render(atFaultyRates).Png, ModelInput), faultyPixels, PixelTolerance);
                if (shapeVisible < MinVisibleChange) continue;
            }
            (double Fault, double Draw)? rate = null;
            if (other is not null)
            {
                // A rate fault against statistics: its image and its look-alike share every random
                // number, so their difference is the fault's alone; a second draw shows how far
                // chance alone moves the same plot.
                var redrawn = PlotImage.ToTensor(renderer.Render(plot.Build(new ChunkContext(run, chunk, seed, [other]) { Draw = 1 })).Png, ModelInput);
                rate = (BlockChange(healthyPixels, faultyPixels, ModelInput, RateBlock), BlockChange(healthyPixels, redrawn, ModelInput, RateBlock));
                if (rate.Value.Fault < NoiseMargin * rate.Value.Draw) continue;
            }
            double? significance = null;
            if (MinSignificance > 0)
            {
                // Further draws of the faulty chunk and of its look-alike, draw k of both from the
                // same random numbers: is the change more than a chunk's own statistics (ADR-025)?
                List<Fault> healthyFaults = other is null ? [] : [other];
                var draws = Enumerable.Range(1, SignificanceDraws).ToList();
                significance = Significance.Of(lookAlike, canvas,
                    [.. draws.Select(k => plot.Build(new ChunkContext(run, chunk, seed, healthyFaults) { Draw = k }))],
                    [.. draws.Select(k => plot.Build(new ChunkContext(run, chunk, seed, [fault]) { Draw = k }))]);
                if (significance < MinSignificance) continue;
            }
            // A fault that empties every pad (a crate holding all of the plot's channels) leaves
            // an image no model can tell from a stopped run: it is NoData, which raises the
            // image-source alarm, and the manifest still names the fault.
            var label = IsEmpty(canvas) ? "NoData" : fault.Label;
            return (rendered, Entry(plot, faulty, label) with
            {
                VisibleChange = Math.Round(visible, 5),
                ShapeChange = shapeVisible is { } shape ? Math.Round(shape, 5) : null,
                HitsChanged = Math.Round(HitsChanged(lookAlike, canvas), 1),
                BlockChange = rate is { } r ? Math.Round(r.Fault, 5) : null,
                DrawBlockChange = rate is { } d ? Math.Round(d.Draw, 5) : null,
                Significance = significance is { } sigma ? Math.Round(sigma, 1) : null,
            });
        }
        return null;
    }

    private static DatasetEntry Entry(PlotDefinition plot, ChunkContext context, string label)
    {
        var run = context.Run;
        var touched = context.Effects.Touched.Select(t => new DatasetFault(t.Fault.GetType().Name, t.Fault.Describe(), t.Channels.Count,
            [.. t.Channels.Take(64).Select(c => $"{c.Readout} {c.Channel}")])).ToList();
        return new DatasetEntry("", plot.Name, plot.Detector, run.RunNumber, context.Chunk, context.Seed, run.Island, run.BeamCurrentNanoAmps, label, touched)
        {
            Target = run.Target,
        };
    }

    /// <summary>Share of pixels whose values differ by more than <paramref name="tolerance"/>.</summary>
    public static double VisibleChange(ReadOnlySpan<float> a, ReadOnlySpan<float> b, double tolerance)
    {
        var changed = 0;
        for (var i = 0; i < a.Length; i++)
            if (Math.Abs(a[i] - b[i]) > tolerance) changed++;
        return a.Length == 0 ? 0 : (double)changed / a.Length;
    }

    /// <summary>
    /// The root mean square, over every channel's <paramref name="block"/> x <paramref name="block"/>
    /// blocks (the last row and column of blocks may be smaller), of the difference between the
    /// blocks' mean values: how far two images' regional densities are apart.
    /// </summary>
    public static double BlockChange(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ImageShape shape, int block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        if (a.Length != shape.Length || b.Length != shape.Length)
            throw new ArgumentException($"Both images must hold {shape} = {shape.Length} values.");
        double squares = 0;
        var blocks = 0;
        for (var c = 0; c < shape.Channels; c++)
        for (var top = 0; top < shape.Height; top += block)
        for (var left = 0; left < shape.Width; left += block)
        {
            var (rows, columns) = (Math.Min(block, shape.Height - top), Math.Min(block, shape.Width - left));
            double sum = 0;
            for (var y = top; y < top + rows; y++)
            {
                var start = (c * shape.Height + y) * shape.Width + left;
                for (var x = start; x < start + columns; x++) sum += a[x] - b[x];
            }
            var mean = sum / (rows * columns);
            squares += mean * mean;
            blocks++;
        }
        return Math.Sqrt(squares / blocks);
    }

    /// <summary>The hits the fault moved: the sum over every pad's bins of the absolute difference in content.</summary>
    public static double HitsChanged(PlotCanvas healthy, PlotCanvas faulty) =>
        healthy.Pads.Zip(faulty.Pads).Where(pair => pair.First is not null && pair.Second is not null)
            .Sum(pair => pair.First!.Histogram.Content.Zip(pair.Second!.Histogram.Content).Sum(bins => Math.Abs(bins.First - bins.Second)));

    private static bool Differs(PlotCanvas a, PlotCanvas b) =>
        a.Pads.Zip(b.Pads).Any(pair => pair.First is not null && pair.Second is not null &&
            !pair.First.Histogram.Content.AsSpan().SequenceEqual(pair.Second.Histogram.Content));

    private static bool IsEmpty(PlotCanvas canvas) => canvas.Pads.All(pad => pad is null || pad.Histogram.Entries == 0);

    private static int? SectorOf(string plot) =>
        plot.Length > 3 && plot[^3] == '_' && plot[^2] == 's' && char.IsDigit(plot[^1]) ? plot[^1] - '0' : null;
}

/// <summary>One manifest line: which image, its label and what made it so.</summary>
public sealed record DatasetEntry(string File, string Plot, string Detector, int Run, int Chunk, int Seed, string Island,
    double BeamCurrentNanoAmps, string Label, IReadOnlyList<DatasetFault> Faults)
{
    /// <summary>The run's target (LH2, LD2, C12, Sn, Empty); null in manifests written before it was recorded.</summary>
    public string? Target { get; init; }

    /// <summary>For faulty images (Bad, HotChannel, or NoData made by a fault): share of model-input pixels the fault changed (see <see cref="DatasetWriter"/>).</summary>
    public double? VisibleChange { get; init; }

    /// <summary>
    /// For faulty images: the hits the fault added or removed in the plot's histograms against the
    /// same healthy image (<see cref="DatasetWriter.HitsChanged"/>). A dead region that held three
    /// hits in a sparse chunk can move many pixels of large bins and still look like chance.
    /// </summary>
    public double? HitsChanged { get; init; }

    /// <summary>
    /// For faulty images: share of model-input pixels the fault changed against the healthy image
    /// redrawn at the fault's rates, autoscaled pad by autoscaled pad (ADR-022); null in manifests
    /// written before the rule, or without it.
    /// </summary>
    public double? ShapeChange { get; init; }

    /// <summary>For rate faults (those with a look-alike): how far the fault moves the image's block averages from the look-alike's (<see cref="DatasetWriter.BlockChange"/>).</summary>
    public double? BlockChange { get; init; }

    /// <summary>For rate faults: how far another Poisson draw of the look-alike moves them, the statistical noise the fault must beat.</summary>
    public double? DrawBlockChange { get; init; }

    /// <summary>
    /// For faulty images: by how many standard deviations of the chunk's own statistics the fault
    /// moves the histograms (<see cref="Datasets.Significance"/>, ADR-025); null in manifests
    /// written before the rule, or without it.
    /// </summary>
    public double? Significance { get; init; }
}

/// <summary>A fault in the manifest, with (up to 64 of) the channels it touched.</summary>
public sealed record DatasetFault(string Kind, string Description, int ChannelCount, IReadOnlyList<string> Channels);

public readonly record struct DatasetProgress(int Done, int Total, TimeSpan Elapsed)
{
    public TimeSpan Remaining => Done == 0 ? TimeSpan.Zero : Elapsed / Done * (Total - Done);
}
