using System.Text.Json;
using Hydra.Iolaus.Datasets;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Models;
using SkiaSharp;

namespace Hydra.Iolaus.Tests;

public sealed class DatasetTests
{
    private static readonly PlotDefinition[] Plots = [PlotCatalog.Get("ECAL_adcOccupancy"), PlotCatalog.Get("FTOF_tdc_s3")];

    private static (string Folder, List<DatasetEntry> Entries) Write(int seed)
    {
        var folder = Directory.CreateTempSubdirectory("iolaus-dataset").FullName;
        new DatasetWriter(folder, perPlot: 12, seed) { BadShare = 0.5, NoDataShare = 0.2 }.Write(Plots);
        var entries = File.ReadAllLines(Path.Combine(folder, DatasetWriter.ManifestName))
            .Select(line => JsonSerializer.Deserialize<DatasetEntry>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList();
        return (folder, entries);
    }

    [Fact]
    public void A_dataset_is_labelled_image_by_image_and_the_same_for_the_same_seed()
    {
        var (first, entries) = Write(seed: 5);
        var (second, _) = Write(seed: 5);
        try
        {
            Assert.Equal(24, entries.Count);
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, DatasetWriter.ManifestName)), File.ReadAllBytes(Path.Combine(second, DatasetWriter.ManifestName)));
            Assert.All(entries, entry =>
            {
                var png = File.ReadAllBytes(Path.Combine(first, entry.File));
                Assert.Equal(png, File.ReadAllBytes(Path.Combine(second, entry.File)));
                using var bitmap = SKBitmap.Decode(png);
                Assert.Equal(1590, bitmap.Width);
            });
            // Each label comes with the fault that made it; Good images have none.
            Assert.All(entries.Where(e => e.Label == "Good"), e => Assert.Empty(e.Faults));
            Assert.All(entries.Where(e => e.Label is "Bad" or "HotChannel"), e => Assert.Contains(e.Faults, f => f.Description.StartsWith(e.Detector)));
            // NoData: a stopped run, or a crate holding every channel of the plot (FTOF_tdc_s3 has one TDC crate).
            Assert.All(entries.Where(e => e.Label == "NoData"), e => Assert.Contains(Assert.Single(e.Faults).Kind, new[] { "NoData", "CrateKnockOut" }));
            // A fault counts only if it shows at the model's input size, and the manifest says how much.
            Assert.All(entries.Where(e => e.Label is "Bad" or "HotChannel"), e => Assert.True(e.VisibleChange >= 0.002, $"{e.File}: {e.VisibleChange}"));
            Assert.Contains(entries, e => e.Label == "Good");
            Assert.Contains(entries, e => e.Label is "Bad" or "HotChannel");
            Assert.True(entries.Select(e => e.Island).Distinct().Count() > 3, "Good images must span several condition islands");
            // Only islands mon12 saves images in: it saves a chunk only with beam >= 20 nA (ADR-020).
            Assert.All(entries, e => Assert.InRange(e.BeamCurrentNanoAmps, 20, 100));
            // The target is recorded on its own (the bench splits by it), and is the island's.
            Assert.All(entries, e => Assert.StartsWith(e.Target + " ", e.Island));
            Assert.Subset(Hydra.Iolaus.Simulation.RunConditions.Targets.ToHashSet(), entries.Select(e => e.Target!).ToHashSet());
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void A_dataset_makes_at_most_its_degree_of_parallelism_images_at_a_time_and_the_same_images_whatever_the_degree()
    {
        var one = Directory.CreateTempSubdirectory("iolaus-dataset").FullName;
        var two = Directory.CreateTempSubdirectory("iolaus-dataset").FullName;
        try
        {
            var alone = new Overlap();
            new DatasetWriter(one, perPlot: 4, seed: 9) { MaxDegreeOfParallelism = 1 }.Write(Plots, alone);
            var paired = new Overlap();
            new DatasetWriter(two, perPlot: 4, seed: 9) { MaxDegreeOfParallelism = 2 }.Write(Plots, paired);

            Assert.Equal(1, alone.Most);
            Assert.Equal(2, paired.Most);
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, DatasetWriter.ManifestName)), File.ReadAllBytes(Path.Combine(two, DatasetWriter.ManifestName)));
        }
        finally
        {
            Directory.Delete(one, recursive: true);
            Directory.Delete(two, recursive: true);
        }
    }

    /// <summary>
    /// Counts how many images report progress at once. The writer reports from inside the loop, and
    /// the first report holds its image open until a second one arrives (or 5 s pass), so a second
    /// image made at the same time is always seen.
    /// </summary>
    private sealed class Overlap : IProgress<DatasetProgress>
    {
        private readonly ManualResetEventSlim _second = new();
        private int _inside, _reports, _most;

        public int Most => _most;

        public void Report(DatasetProgress value)
        {
            var inside = Interlocked.Increment(ref _inside);
            for (var most = _most; inside > most; most = _most) Interlocked.CompareExchange(ref _most, inside, most);
            if (Interlocked.Increment(ref _reports) == 1) _second.Wait(TimeSpan.FromSeconds(5));
            else _second.Set();
            Interlocked.Decrement(ref _inside);
        }
    }

    [Fact]
    public void Faults_for_a_per_sector_plot_stay_in_its_sector()
    {
        var (folder, entries) = Write(seed: 9);
        try
        {
            var sector3 = entries.Where(e => e.Plot == "FTOF_tdc_s3" && e.Label is "Bad" or "HotChannel").ToList();
            Assert.NotEmpty(sector3);
            // Channel faults list their channels: for a plot of sector 3 they must include sector 3 channels.
            Assert.All(sector3.SelectMany(e => e.Faults).Where(f => f.ChannelCount > 0),
                f => Assert.Contains(f.Channels, c => c.Contains("sector 3 ")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_fault_invisible_at_the_model_input_size_does_not_make_a_Bad_image()
    {
        // No fault changes every pixel of the thumbnail: with that bar, would-be Bad images are
        // written fault-free, as Good, never as a Good label on a faulty plot.
        var entries = TestDatasets.Write(folder => new DatasetWriter(folder, perPlot: 8, seed: 3) { BadShare = 1, NoDataShare = 0, LowStatisticsShare = 0, MinVisibleChange = 1, FaultAttempts = 2 },
            PlotCatalog.Get("ECAL_adcOccupancy"));
        Assert.Equal(8, entries.Count);
        Assert.All(entries, e => { Assert.Equal("Good", e.Label); Assert.Empty(e.Faults); Assert.Null(e.VisibleChange); });
    }

    [Fact]
    public void A_fault_that_empties_the_whole_plot_is_labelled_NoData_and_still_named()
    {
        // CTOF_adc shows only CTOF's one FADC crate: knocked out, the plot is as empty as a stopped run.
        var entries = TestDatasets.Write(folder => new DatasetWriter(folder, perPlot: 40, seed: 4) { BadShare = 1, NoDataShare = 0, LowStatisticsShare = 0 }, PlotCatalog.Get("CTOF_adc"));
        var crates = entries.Where(e => e.Faults.Any(f => f.Kind == nameof(CrateKnockOut))).ToList();
        Assert.NotEmpty(crates);
        Assert.All(crates, e => { Assert.Equal("NoData", e.Label); Assert.True(e.VisibleChange > 0); Assert.True(e.HitsChanged > 0); });
        // Every other fault leaves data in the plot and stays Bad (or HotChannel).
        Assert.All(entries.Except(crates).Where(e => e.Faults.Count > 0), e => Assert.Contains(e.Label, new[] { "Bad", "HotChannel" }));
    }

    [Fact]
    public void A_rate_fault_counts_only_where_it_moves_the_block_averages_more_than_another_poisson_draw_does()
    {
        // HTCC_adcTime: one pad per sector with its own colour scale, sparse spectra: a sector
        // swinging alone often moves the image less than a second draw of the same chunk (ADR-017).
        static List<DatasetEntry> Jumpy(double margin) =>
        [
            .. TestDatasets.Write(folder => new DatasetWriter(folder, perPlot: 60, seed: 6) { BadShare = 1, NoDataShare = 0, LowStatisticsShare = 0, NoiseMargin = margin },
                PlotCatalog.Get("HTCC_adcTime")).Where(e => e.Label == "Bad" && e.Faults.Any(f => f.Kind == nameof(Faults.Jumpy))),
        ];

        var withoutRule = Jumpy(margin: 0);
        var withRule = Jumpy(margin: 1.5);

        Assert.NotEmpty(withoutRule);
        Assert.All(withoutRule, e => Assert.True(e.DrawBlockChange > 0 && e.BlockChange > 0, $"{e.File}: both changes are recorded"));
        Assert.All(withRule, e => Assert.True(e.BlockChange >= 1.5 * e.DrawBlockChange, $"{e.File}: {e.BlockChange} against a redraw's {e.DrawBlockChange}"));
        Assert.True(withRule.Count < withoutRule.Count, $"the rule should refuse some jumpy images: {withRule.Count} of {withoutRule.Count} kept");
        // Faults without a look-alike are measured against their exact twin only.
        Assert.DoesNotContain(withRule, e => e.Faults.Any(f => f.Kind != nameof(Faults.Jumpy)) && e.BlockChange is not null);
    }

    [Fact]
    public void Block_change_is_the_rms_of_the_block_means_differences_including_the_partial_blocks()
    {
        var shape = new ImageShape(1, 3, 3);
        // Blocks of 2: [0..1]x[0..1] (4 pixels), [0..1]x[2] (2), [2]x[0..1] (2), [2]x[2] (1).
        float[] a = [1, 1, 0, 1, 1, 0, 0, 0, 0.5f];
        float[] b = [0, 0, 0, 0, 0, 0, 0, 0, 0];
        // Means 1, 0, 0, 0.5: rms = sqrt((1 + 0.25) / 4).
        Assert.Equal(Math.Sqrt(1.25 / 4), DatasetWriter.BlockChange(a, b, shape, block: 2), 12);
        // A shuffle inside a block does not move its mean: only where the hits fell changed.
        float[] shuffled = [1, 0, 0, 1, 1, 0, 0, 0, 0.5f];
        float[] moved = [0, 1, 0, 1, 1, 0, 0, 0, 0.5f];
        Assert.Equal(0, DatasetWriter.BlockChange(shuffled, moved, shape, block: 2), 12);
        Assert.Throws<ArgumentException>(() => DatasetWriter.BlockChange(a, [0f], shape, block: 2));
    }

    [Fact]
    public void Hits_changed_counts_every_hit_a_fault_removes()
    {
        // CTOF_adc shows one FADC crate: knocking it out removes exactly the hits the healthy chunk had.
        var plot = PlotCatalog.Get("CTOF_adc");
        var ctof = Hydra.Core.Detectors.Clas12.Get("CTOF");
        var crate = Simulation.ChunkContext.TableOf("CTOF").ToElectronics(new(ctof.Channels[0], ctof.Readouts[0]))!.Value.Crate;
        var run = Simulation.RunConditions.Default();
        var healthy = plot.Build(new Simulation.ChunkContext(run, 7, 1, []));
        var knockedOut = plot.Build(new Simulation.ChunkContext(run, 7, 1, [new CrateKnockOut("CTOF", crate)]));

        var hits = healthy.Pads.Where(p => p is not null).Sum(p => p!.Histogram.Entries);
        Assert.True(hits > 0);
        Assert.Equal(hits, DatasetWriter.HitsChanged(healthy, knockedOut), 6);
        Assert.Equal(0, DatasetWriter.HitsChanged(healthy, healthy));
    }

    [Fact]
    public void Visible_change_is_the_share_of_pixels_that_moved_beyond_the_tolerance()
    {
        Assert.Equal(0.5, DatasetWriter.VisibleChange([1f, 1f, 0.5f, 0f], [1f, 0.95f, 0.2f, 1f], tolerance: 0.1));
        Assert.Equal(0, DatasetWriter.VisibleChange([0.3f, 0.3f], [0.3f, 0.3f], tolerance: 0));
    }
}
