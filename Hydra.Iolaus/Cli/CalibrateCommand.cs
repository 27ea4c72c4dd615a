using System.Text.Json;
using Hydra.Iolaus.Datasets;
using Hydra.Models.Evaluation;
using Hydra.Models.Imaging;
using Hydra.Models.Serving;
using Hydra.Models.Training;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>calibrate</c>: holds trained models' confirmed false alarms to a bar measured on a dataset
/// they never saw, and writes the new Bad thresholds into their cards. Training's own held-out
/// split has about 250 healthy images per plot type: one false alarm there is 0.4 %, so it cannot
/// tell a model that alarms on one healthy chunk in 250 from one that alarms on one in 100. A
/// calibration dataset of another seed adds as many healthy images as one cares to make. Thresholds
/// only rise (an expert's override, recorded in the card's threshold history), unless <c>--lower</c> lets
/// them also fall to the lowest that holds the bar (ADR-020). A model that cannot meet
/// the bars keeps its card and is named, so the person shipping it decides, or with
/// <c>--remove-unmet</c> is taken out of the folder, the default models' rule: no model rather than
/// one whose alarms the shift crew learns to ignore, or one that confirms too few Bad images.
/// </summary>
public static class CalibrateCommand
{
    public const string Usage = "calibrate --dataset FOLDER --models FOLDER [--plots A,B] [--max-false-alarms 0.005] [--min-confirmed-bad-recall 0] [--fold Acceptable=Good,HotChannel=Bad] [--lower] [--remove-unmet]   set Bad thresholds to a false-alarm bar";

    public static int Run(Arguments args, TextWriter output)
    {
        var datasetFolder = args.String("dataset") ?? throw new UsageException("calibrate needs --dataset FOLDER (made by the dataset command with a seed the models were not trained on)");
        var modelsFolder = args.String("models") ?? throw new UsageException("calibrate needs --models FOLDER (<PLOT>.onnx and <PLOT>.json)");
        var only = DatasetFolder.Plots(args);
        var maxFalseAlarms = args.Double("max-false-alarms", 0.005, 0, 1);
        var minConfirmedBadRecall = args.Double("min-confirmed-bad-recall", 0, 0, 1);
        var fold = TrainCommand.ParseFold(args.String("fold"));
        var removeUnmet = args.Flag("remove-unmet");
        var mayLower = args.Flag("lower");
        args.RejectUnknown();

        var entries = DatasetFolder.Entries(datasetFolder).ToLookup(e => e.Plot);
        if (!Directory.Exists(modelsFolder)) throw new UsageException($"models folder '{modelsFolder}' does not exist");
        var cards = Directory.EnumerateFiles(modelsFolder, "*.json").Order(StringComparer.Ordinal)
            .Select(file => (File: file, Card: ReadCard(file)))
            .Where(c => (only is null || only.Contains(c.Card.Plot)) && entries.Contains(c.Card.Plot))
            .ToList();
        if (cards.Count == 0) throw new UsageException("no model in the models folder has images in the dataset");
        // Every pair is checked before any card is rewritten: a missing file stops nothing half done.
        var missing = cards.Select(c => Path.ChangeExtension(c.File, ".onnx")).FirstOrDefault(onnx => !File.Exists(onnx));
        if (missing is not null) throw new UsageException($"{missing} is missing beside its card");
        var datasetName = Path.GetFileName(Path.TrimEndingDirectorySeparator(datasetFolder));

        // Every model is measured before any card changes: a damaged image in the last plot type
        // stops the run with the folder as it was, not with half the cards calibrated.
        var outcomes = cards.Select(c => Measure(c.File, c.Card)).ToList();
        var unmet = 0;
        foreach (var (file, card, held, note) in outcomes)
        {
            if (held is null)
            {
                unmet++;
                if (removeUnmet)
                {
                    File.Delete(Path.ChangeExtension(file, ".onnx"));
                    File.Delete(file);
                }
                output.WriteLine($"{note}: {(removeUnmet ? "model removed" : "card unchanged")}");
                continue;
            }
            if (!ReferenceEquals(held, card)) WriteCard(file, held);
            output.WriteLine(note);
        }
        if (unmet > 0)
            output.WriteLine($"{unmet} model(s) cannot meet --max-false-alarms {maxFalseAlarms:P1} with --min-confirmed-bad-recall {minConfirmedBadRecall:P0}: "
                + (removeUnmet ? "removed" : "their cards were left as they were"));
        return 0;

        // One model's calibration, decided but not yet written: the held card (the same card when
        // it already meets the bars, null when it cannot) and the line that says so.
        (string File, ModelCard Card, ModelCard? Held, string Note) Measure(string file, ModelCard card)
        {
            var onnx = Path.ChangeExtension(file, ".onnx");
            using var model = PlotModel.Load(File.ReadAllBytes(onnx));
            if (!model.Labels.SequenceEqual(card.Labels, StringComparer.Ordinal))
                throw new UsageException($"{file} names the labels {string.Join("/", card.Labels)} but {onnx} gives {string.Join("/", model.Labels)}");
            var evaluation = Evaluate(model, entries[card.Plot], datasetFolder, fold);
            var prefix = $"{card.Plot,-28} {evaluation.Samples,5} images";
            if (!card.Thresholds.ContainsKey("Bad")) return (file, card, card, $"{prefix}  no Bad class: unchanged");
            var (held, note) = FalseAlarmBar.Hold(card, evaluation, maxFalseAlarms, minConfirmedBadRecall, Evidence(evaluation.Samples, entries[card.Plot], datasetName), mayLower);
            return (file, card, held, $"{prefix}  {note}");
        }
    }

    /// <summary>
    /// What a threshold was measured on, as the card (and the Run page, and the assistant) will say it:
    /// the dataset's seed tells a reader the model never trained on these images, a folder name does not.
    /// </summary>
    internal static string Evidence(int images, IEnumerable<DatasetEntry> entries, string datasetName) =>
        entries.Select(e => e.Seed).Distinct().ToList() is [var seed]
            ? $"{images} images of dataset seed {seed} ({datasetName})"
            : $"{images} images of {datasetName}";

    /// <summary>Every image of a plot type through the served model, as the evaluation of the registry sees it.</summary>
    private static ModelEvaluation Evaluate(PlotModel model, IEnumerable<DatasetEntry> entries, string folder, IReadOnlyDictionary<string, string> fold)
    {
        var samples = new List<EvaluationSample>();
        foreach (var batch in entries.Chunk(32))
        {
            var predictions = model.Predict(Tensors(model, [.. batch.Select(e => Path.Combine(folder, e.File))]));
            samples.AddRange(batch.Select((e, i) => new EvaluationSample(fold.GetValueOrDefault(e.Label, e.Label), predictions[i].Probabilities)));
        }
        return ModelEvaluation.Evaluate(model.Labels, samples);
    }

    /// <summary>
    /// A batch's images decoded on every core: decoding, not the model, is calibrate's cost. A
    /// damaged calibration image stops the run by name, before any card is written.
    /// </summary>
    private static float[][] Tensors(PlotModel model, string[] files)
    {
        try
        {
            return PlotImage.ToTensors([.. files.Select(File.ReadAllBytes)], model.Input, new ParallelOptions());
        }
        catch (ImageDecodeException e) when (e.Position is { } position)
        {
            throw new IOException($"{files[position]} is not a complete PNG ({e.InnerException?.Message ?? e.Message}); remake the calibration dataset", e);
        }
    }

    /// <summary>Written beside and moved over the old card, so an interrupted run never leaves half a card.</summary>
    private static void WriteCard(string file, ModelCard card)
    {
        var partial = file + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(card, ModelCard.Json));
        File.Move(partial, file, overwrite: true);
    }

    private static ModelCard ReadCard(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(file), ModelCard.Json)
                ?? throw new UsageException($"{file} is not a model card");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{file} is not a model card: {ex.Message}");
        }
    }
}
