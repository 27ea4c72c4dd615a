using System.Text.Json;
using Hydra.Iolaus.Datasets;
using Hydra.Models;
using Hydra.Models.Training;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>train</c>: one model per plot type from a <c>dataset</c> folder, written as
/// <c>&lt;PLOT&gt;.onnx</c> and <c>&lt;PLOT&gt;.json</c> (its <see cref="ModelCard"/>). With the dataset
/// command it makes Hydra's default models (eng/train-default-models.sh).
/// </summary>
public static class TrainCommand
{
    public const string Usage = "train --dataset FOLDER --out FOLDER [--plots A,B] [--epochs 60] [--seed 1] [--learning-rate 0.003] [--blocks 8,16,32,32] [--min-accuracy 0]   one CNN per plot type";

    public static int Run(Arguments args, TextWriter output)
    {
        var datasetFolder = args.String("dataset") ?? throw new UsageException("train needs --dataset FOLDER (made by the dataset command)");
        var outFolder = args.String("out") ?? throw new UsageException("train needs --out FOLDER");
        var only = args.String("plots")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var blocks = (args.String("blocks") ?? "8,16,32,32").Split(',').Select(b => int.TryParse(b, out var n) && n is > 0 and <= 256 ? n : throw new UsageException("--blocks is a list of channel counts, e.g. 8,16,32")).ToList();
        var options = new TrainingOptions
        {
            Epochs = args.Int("epochs", 60, 1, 1000), Seed = args.Int("seed", 1), Patience = 12,
            LearningRate = (float)args.Double("learning-rate", 0.003, 1e-6, 1), BlockChannels = blocks,
        };
        var minAccuracy = args.Double("min-accuracy", 0, 0, 1);
        args.RejectUnknown();

        var manifest = Path.Combine(datasetFolder, DatasetWriter.ManifestName);
        if (!File.Exists(manifest)) throw new UsageException($"{manifest} does not exist: run the dataset command first");
        var entries = File.ReadLines(manifest).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<DatasetEntry>(l, DatasetWriter.Json)!)
            .Where(e => only is null || only.Contains(e.Plot))
            .GroupBy(e => e.Plot).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (entries.Count == 0) throw new UsageException("the dataset has no images for those plots");
        Directory.CreateDirectory(outFolder);

        foreach (var plot in entries)
        {
            var images = plot.Select(e => (File.ReadAllBytes(Path.Combine(datasetFolder, e.File)), e.Label)).ToList();
            var model = PlotModelBuilder.Train(images, PlotModelBuilder.DefaultInput, options);
            if (model.HeldOut.Accuracy < minAccuracy)
            {
                output.WriteLine($"{plot.Key,-28} not written: held-out accuracy {model.HeldOut.Accuracy:P0} is below --min-accuracy {minAccuracy:P0}");
                continue;
            }
            var card = ModelCard.For(plot.Key, model, $"iolaus dataset {Path.GetFileName(Path.TrimEndingDirectorySeparator(datasetFolder))}, seed {options.Seed}");
            File.WriteAllBytes(Path.Combine(outFolder, plot.Key + ".onnx"), model.Onnx);
            File.WriteAllText(Path.Combine(outFolder, plot.Key + ".json"), JsonSerializer.Serialize(card, ModelCard.Json));
            var bad = model.HeldOut.Classes.FirstOrDefault(c => c.Label == "Bad");
            output.WriteLine($"{plot.Key,-28} {images.Count,4} images  {string.Join("/", model.Labels),-34} held-out accuracy {model.HeldOut.Accuracy:P0}"
                + (bad is null ? "" : $", Bad recall {bad.Recall:P0} precision {bad.Precision:P0}") + $"  ({model.Training.Elapsed.TotalSeconds:0} s, best epoch {model.Training.BestEpoch})");
        }
        return 0;
    }
}
