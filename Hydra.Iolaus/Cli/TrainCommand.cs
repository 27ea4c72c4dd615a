using System.Text.Json;
using Hydra.Iolaus.Datasets;
using Hydra.Models;
using Hydra.Models.Imaging;
using Hydra.Models.Training;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>train</c>: one model per plot type from a <c>dataset</c> folder, written as
/// <c>&lt;PLOT&gt;.onnx</c> and <c>&lt;PLOT&gt;.json</c> (its <see cref="ModelCard"/>). With the dataset
/// command it makes Hydra's default models (eng/train-default-models.sh).
/// </summary>
public static class TrainCommand
{
    public const string Usage = "train --dataset FOLDER --out FOLDER [--plots A,B] [--epochs 60] [--seed 1] [--learning-rate 0.003] [--blocks 8,16,32,32] [--first-stride 1] [--input 1x80x160] [--min-accuracy 0] [--max-false-alarms 1] [--min-confirmed-bad-recall 0] [--fold Acceptable=Good,HotChannel=Bad] [--reference none|mean-good] [--pooling mean|mean-max] [--validation 0.05] [--patience 12] [--batch 32] [--schedule constant|cosine] [--quiet]   one CNN per plot type";

    /// <summary>Parses <c>--input CxHxW</c>, e.g. 3x80x160 for colour (1 = grey, 3 = RGB, 4 = RGB and blank, ADR-018).</summary>
    public static ImageShape? ParseInput(string? input)
    {
        if (input is null) return null;
        var parts = input.Split('x');
        return parts.Length == 3 && int.TryParse(parts[0], out var c) && ImageShape.IsChannelCount(c) && int.TryParse(parts[1], out var h) && h is >= 8 and <= 1024
            && int.TryParse(parts[2], out var w) && w is >= 8 and <= 2048
            ? new ImageShape(c, h, w)
            : throw new UsageException($"--input is CxHxW with C {ImageShape.ChannelChoices}, e.g. 3x80x160");
    }

    /// <summary>
    /// Parses <c>--fold FROM=TO,...</c>: manifest labels trained as another class, for classes a small
    /// model cannot tell apart at its input size (the original's experts often called a low-statistics
    /// plot Good and a hot channel Bad). The fold is written into the model card's source.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseFold(string? fold) =>
        (fold ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', StringSplitOptions.TrimEntries))
            .Select(parts => parts is [{ Length: > 0 } from, { Length: > 0 } to] && from != to ? (from, to) : throw new UsageException("--fold is a list of FROM=TO label pairs, e.g. Acceptable=Good,HotChannel=Bad"))
            .ToDictionary(p => p.from, p => p.to, StringComparer.Ordinal);

    /// <param name="progressOutput">Where a line per epoch goes (standard error from the command line): a
    /// plot type of 6,000 images trains for ten minutes or more, and silence that long looks like a hang.</param>
    public static int Run(Arguments args, TextWriter output, TextWriter? progressOutput = null)
    {
        var datasetFolder = args.String("dataset") ?? throw new UsageException("train needs --dataset FOLDER (made by the dataset command)");
        var outFolder = args.String("out") ?? throw new UsageException("train needs --out FOLDER");
        var only = DatasetFolder.Plots(args);
        var blocks = (args.String("blocks") ?? "8,16,32,32").Split(',').Select(b => int.TryParse(b, out var n) && n is > 0 and <= 256 ? n : throw new UsageException("--blocks is a list of channel counts, e.g. 8,16,32")).ToList();
        var options = new TrainingOptions
        {
            Epochs = args.Int("epochs", 60, 1, 1000), Seed = args.Int("seed", 1),
            LearningRate = (float)args.Double("learning-rate", 0.003, 1e-6, 1), BlockChannels = blocks,
            FirstBlockStride = args.Int("first-stride", 1, 1, 4),
            ValidationFraction = args.Double("validation", 0.05, 0.01, 0.5), Patience = args.Int("patience", 12, 1, 1000),
            BatchSize = args.Int("batch", 32, 1, 1024),
            Schedule = (args.String("schedule") ?? "constant") switch
            {
                "constant" => LearningRateSchedule.Constant,
                "cosine" => LearningRateSchedule.Cosine,
                _ => throw new UsageException("--schedule is constant or cosine"),
            },
            InputReference = (args.String("reference") ?? "none") switch
            {
                "none" => InputReferenceKind.None,
                "mean-good" => InputReferenceKind.MeanGood,
                _ => throw new UsageException("--reference is none or mean-good"),
            },
            HeadPooling = (args.String("pooling") ?? "mean") switch
            {
                "mean" => Hydra.Models.Networks.CamPooling.Mean,
                "mean-max" => Hydra.Models.Networks.CamPooling.MeanAndMax,
                _ => throw new UsageException("--pooling is mean or mean-max"),
            },
        };
        var minAccuracy = args.Double("min-accuracy", 0, 0, 1);
        // A model that is accurate overall can still alarm on one healthy chunk in twenty; the shift
        // crew would learn to ignore it, so a bar on confirmed false alarms stands beside accuracy.
        var maxFalseAlarms = args.Double("max-false-alarms", 1, 0, 1);
        var minConfirmedBadRecall = args.Double("min-confirmed-bad-recall", 0, 0, 1);
        var fold = ParseFold(args.String("fold"));
        var input = ParseInput(args.String("input")) ?? PlotModelBuilder.DefaultInput;
        if (args.Flag("quiet")) progressOutput = null;
        args.RejectUnknown();
        try
        {
            // The network's shape is checked before a dataset is read: each block halves the maps.
            Hydra.Models.Networks.CamNetwork.CreateRandom(0, input, ["Good", "Bad"], blocks, firstStride: options.FirstBlockStride);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--input {input.Channels}x{input.Height}x{input.Width} is too small for --blocks {string.Join(",", blocks)} with --first-stride {options.FirstBlockStride}: {e.Message}");
        }

        var entries = DatasetFolder.Entries(datasetFolder)
            .Where(e => only is null || only.Contains(e.Plot))
            .GroupBy(e => e.Plot).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (entries.Count == 0) throw new UsageException("the dataset has no images for those plots");
        Directory.CreateDirectory(outFolder);

        foreach (var plot in entries)
        {
            var files = plot.Select(e => Path.Combine(datasetFolder, e.File)).ToList();
            var images = plot.Select((e, i) => (File.ReadAllBytes(files[i]), fold.GetValueOrDefault(e.Label, e.Label))).ToList();
            var progress = progressOutput is null ? null : new EpochLines(plot.Key, progressOutput);
            var model = TrainOrNameTheDamagedImage(images, files, input, options, progress);
            var bad = model.HeldOut.Classes.FirstOrDefault(c => c.Label == "Bad");
            var card = ModelCard.For(plot.Key, model, $"iolaus dataset {Path.GetFileName(Path.TrimEndingDirectorySeparator(datasetFolder))}, training seed {options.Seed}"
                + (fold.Count == 0 ? "" : $", labels folded {string.Join(", ", fold.Select(f => $"{f.Key}={f.Value}"))}"));
            var summary = $"{plot.Key,-28} {images.Count,4} images  {string.Join("/", model.Labels),-34} held-out accuracy {model.HeldOut.Accuracy:P0}"
                + (bad is null ? "" : $", Bad recall {bad.Recall:P0} precision {bad.Precision:P0}")
                + $"  ({model.Training.Elapsed.TotalSeconds:0} s, best epoch {model.Training.BestEpoch})";
            if (model.HeldOut.Accuracy < minAccuracy)
            {
                output.WriteLine($"{summary}  not written: below --min-accuracy {minAccuracy:P0}");
                continue;
            }
            if (bad is { Support: > 0 })
            {
                var (held, note) = FalseAlarmBar.Hold(card, model.HeldOut, maxFalseAlarms, minConfirmedBadRecall);
                summary += $"; {note}";
                if (held is null)
                {
                    output.WriteLine($"{summary}  not written");
                    continue;
                }
                card = held;
            }
            File.WriteAllBytes(Path.Combine(outFolder, plot.Key + ".onnx"), model.Onnx);
            File.WriteAllText(Path.Combine(outFolder, plot.Key + ".json"), JsonSerializer.Serialize(card, ModelCard.Json));
            output.WriteLine(summary);
        }
        return 0;
    }

    /// <summary>A damaged dataset image stops the run by its file name, before its plot type's model is written.</summary>
    private static TrainedPlotModel TrainOrNameTheDamagedImage(List<(byte[], string)> images, List<string> files, ImageShape input, TrainingOptions options,
        IProgress<TrainingProgress>? progress)
    {
        try
        {
            return PlotModelBuilder.Train(images, input, options, progress: progress);
        }
        catch (ImageDecodeException e) when (e.Position is { } position)
        {
            throw new IOException($"{files[position]} is not a complete PNG ({e.InnerException?.Message ?? e.Message}); remake the dataset", e);
        }
    }

    /// <summary>
    /// One line per epoch (not a redrawn bar: the default-model script sends it to a log file). The
    /// trainer reports from its epoch loop, one report at a time, so no lock. The time left assumes
    /// every epoch runs; early stopping only makes it shorter.
    /// </summary>
    private sealed class EpochLines(string plot, TextWriter writer) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            writer.WriteLine($"{plot} epoch {value.Epoch}/{value.TotalEpochs}: training loss {value.TrainLoss:0.0000}, validation loss {value.ValidationLoss:0.0000}, "
                + $"accuracy {value.ValidationAccuracy:P1}, best epoch {value.BestEpoch}, {value.Elapsed.TotalSeconds:0} s, at most {value.EstimatedTimeLeft.TotalSeconds:0} s left");
            writer.Flush();
        }
    }
}
