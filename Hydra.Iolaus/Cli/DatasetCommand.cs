using Hydra.Iolaus.Datasets;
using Hydra.Iolaus.Plots;

namespace Hydra.Iolaus.Cli;

/// <summary><c>dataset</c>: N labelled images per plot type with a manifest, deterministic for a seed.</summary>
public static class DatasetCommand
{
    public const string Usage = "dataset --out FOLDER [--per-plot 100] [--seed 1] [--plots A,B] [--min-visible-change 0.002] [--noise-margin 1.5] [--min-significance 5] [--low-statistics 0.05] [--rate-changes-count] [--quiet]   labelled training images + manifest.jsonl";

    public static int Run(Arguments args, TextWriter output, TextWriter progressOutput)
    {
        var folder = args.String("out") ?? throw new UsageException("dataset needs --out FOLDER");
        var perPlot = args.Int("per-plot", 100, 1, 100_000);
        var seed = args.Int("seed", 1);
        var plots = RenderCommand.PlotsFrom(args.String("plots")) ?? PlotCatalog.All;
        var minVisible = args.Double("min-visible-change", 0.002, 0, 1);
        var noiseMargin = args.Double("noise-margin", 1.5, 0, 100);
        var minSignificance = args.Double("min-significance", 5, 0, 1000); // 0: the labels before ADR-025
        var rateChangesCount = args.Flag("rate-changes-count"); // the labels before ADR-022
        // Share of healthy low-statistics chunks (2-7 % of the events, labelled Acceptable): the images
        // the models most often take for a dead detector.
        var lowStatistics = args.Double("low-statistics", 0.05, 0, 0.5);
        var quiet = args.Flag("quiet");
        args.RejectUnknown();

        var progress = quiet ? null : new ProgressBar(progressOutput);
        var written = new DatasetWriter(folder, perPlot, seed) { MinVisibleChange = minVisible, NoiseMargin = noiseMargin, MinSignificance = minSignificance, CompareShapes = !rateChangesCount, LowStatisticsShare = lowStatistics }.Write(plots, progress);
        progress?.Finish();
        output.WriteLine($"{written} images of {plots.Count} plot types written to {folder}, labels in {DatasetWriter.ManifestName}");
        return 0;
    }

    /// <summary>A one-line progress bar on standard error, redrawn at most ten times a second.</summary>
    private sealed class ProgressBar(TextWriter writer) : IProgress<DatasetProgress>
    {
        private long _lastDraw;

        public void Report(DatasetProgress value)
        {
            var now = Environment.TickCount64;
            if (value.Done != value.Total && now - Interlocked.Read(ref _lastDraw) < 100) return;
            Interlocked.Exchange(ref _lastDraw, now);
            var filled = (int)(30.0 * value.Done / value.Total);
            lock (writer)
            {
                writer.Write($"\r[{new string('#', filled)}{new string(' ', 30 - filled)}] {100.0 * value.Done / value.Total,5:0.0}% {value.Done}/{value.Total} images, {value.Remaining.TotalSeconds:0} s left ");
            }
        }

        public void Finish()
        {
            lock (writer) writer.WriteLine();
        }
    }
}
