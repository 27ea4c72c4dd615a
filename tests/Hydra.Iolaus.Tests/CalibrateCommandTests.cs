using System.Text.Json;
using Hydra.Iolaus.Cli;
using Hydra.Iolaus.Datasets;
using Hydra.Models.Serving;
using Hydra.Models.Training;

namespace Hydra.Iolaus.Tests;

/// <summary><c>calibrate</c>: Bad thresholds set to a false-alarm bar measured on a dataset the models never saw.</summary>
public sealed class CalibrateCommandTests(WeakModel weak) : IClassFixture<WeakModel>, IDisposable
{
    private const string Plot = WeakModel.Plot;
    private static readonly string[] Fold = WeakModel.Fold;
    private readonly string root = Directory.CreateTempSubdirectory("iolaus-calibrate").FullName;

    [Fact]
    public void Calibrating_raises_the_Bad_threshold_until_the_new_images_hold_the_bar_and_records_it()
    {
        var (models, calibration) = WeakModelAndCalibrationSet();
        var before = ReadCard(models);
        var served = new Served(models, calibration);
        Assert.True(served.FalseAlarmRate(before.Thresholds["Bad"]) > 0.1, "three epochs of four filters alarm often on healthy images");
        var log = new StringWriter();

        var exit = CalibrateCommand.Run(new Arguments(["--dataset", calibration, "--models", models, "--max-false-alarms", "0.1", .. Fold], new HashSet<string>()), log);

        Assert.Equal(0, exit);
        var after = ReadCard(models);
        Assert.True(after.Thresholds["Bad"] > before.Thresholds["Bad"], log.ToString());
        Assert.InRange(served.FalseAlarmRate(after.Thresholds["Bad"]), 0, 0.1);
        // As little as needed: one step lower the bar is broken.
        Assert.True(served.FalseAlarmRate(after.Thresholds["Bad"] - 0.01f) > 0.1);
        Assert.Equal(before.Thresholds["Good"], after.Thresholds["Good"]);
        var change = Assert.Single(after.ThresholdHistory!);
        Assert.Equal((before.Thresholds["Bad"], after.Thresholds["Bad"], "60 images of dataset seed 2 (calibration)"), (change.From, change.To, change.Evidence));
        Assert.Equal(before.Source, after.Source);
        Assert.Contains($"Bad threshold raised {before.Thresholds["Bad"]:0.00} -> {after.Thresholds["Bad"]:0.00}", log.ToString());
    }

    [Fact]
    public void With_lower_the_threshold_goes_to_the_highest_that_confirms_what_the_least_raise_confirms()
    {
        var (models, calibration) = WeakModelAndCalibrationSet();
        string[] args = ["--dataset", calibration, "--models", models, "--max-false-alarms", "0.1", .. Fold];
        var original = File.ReadAllText(Path.Combine(models, Plot + ".json"));
        CalibrateCommand.Run(new Arguments(args, new HashSet<string>()), TextWriter.Null);
        var raised = ReadCard(models).Thresholds["Bad"];
        File.WriteAllText(Path.Combine(models, Plot + ".json"), original);

        var log = new StringWriter();
        CalibrateCommand.Run(new Arguments([.. args, "--lower"], new HashSet<string> { "lower" }), log);

        // The least raise is the lowest threshold that holds the bar; --lower goes from there up to
        // the last threshold that confirms every Bad image it does (ADR-024), and no further.
        var chosen = ReadCard(models).Thresholds["Bad"];
        var served = new Served(models, calibration);
        Assert.InRange(chosen, raised, 0.99f);
        Assert.Equal(served.ConfirmedBad(raised), served.ConfirmedBad(chosen));
        Assert.True(chosen >= 0.99f || served.ConfirmedBad(chosen + 0.01f) < served.ConfirmedBad(raised), log.ToString());
        Assert.InRange(served.FalseAlarmRate(chosen), 0, served.FalseAlarmRate(raised));
        var change = ReadCard(models).ThresholdHistory![^1];
        Assert.Equal(chosen, change.To);
        Assert.Equal("the highest that confirms as many Bad images as the lowest with at most 10.0 % confirmed false alarms", change.Rule);
    }

    [Fact]
    public void With_lower_a_threshold_set_too_high_falls_to_the_top_of_the_span_that_costs_no_Bad_image()
    {
        // Healthy images called Bad at 0.60 and 0.85, Bad ones at 0.90 and 0.70: at a 50 % bar the
        // lowest threshold is 0 (both Bad images, both false alarms); up to 0.70 nothing is lost and
        // the 0.60 false alarm goes.
        var evaluation = Hydra.Models.Evaluation.ModelEvaluation.Evaluate(["Good", "Bad"],
            [Sample("Good", 0.1f), Sample("Good", 0.2f), Sample("Good", 0.6f), Sample("Good", 0.85f), Sample("Bad", 0.9f), Sample("Bad", 0.7f)]);
        var card = ReadCard(weak.Models) with { Labels = ["Good", "Bad"], Thresholds = new Dictionary<string, float> { ["Good"] = 0.5f, ["Bad"] = 0.95f } };

        var (held, note) = FalseAlarmBar.Hold(card, evaluation, 0.5, 0.9, "six images", mayLower: true);

        Assert.Equal(0.70f, held!.Thresholds["Bad"]);
        Assert.Equal("Bad threshold lowered 0.95 -> 0.70, false alarms 0.0 % -> 25.0 %: confirmed Bad recall 0 % -> 100 %", note);
        // Without --lower it stays: 0.95 already holds the bar.
        Assert.Same(card, FalseAlarmBar.Hold(card, evaluation, 0.5, 0, "six images").Card);
    }

    /// <summary>A two-class verdict with the given Bad score.</summary>
    private static Hydra.Models.Evaluation.EvaluationSample Sample(string expert, float bad) => new(expert, [1 - bad, bad]);

    [Fact]
    public void A_model_that_cannot_meet_the_bar_keeps_its_card_and_is_named()
    {
        var (models, calibration) = WeakModelAndCalibrationSet();
        var card = File.ReadAllText(Path.Combine(models, Plot + ".json"));
        var log = new StringWriter();

        var exit = CalibrateCommand.Run(new Arguments(["--dataset", calibration, "--models", models, "--max-false-alarms", "0", "--min-confirmed-bad-recall", "1", .. Fold], new HashSet<string>()), log);

        Assert.Equal(0, exit);
        Assert.Equal(card, File.ReadAllText(Path.Combine(models, Plot + ".json")));
        Assert.Contains($"{Plot}", log.ToString());
        Assert.Contains("card unchanged", log.ToString());
        Assert.Contains("1 model(s) cannot meet --max-false-alarms 0.0 % with --min-confirmed-bad-recall 100 %", log.ToString());
    }

    [Fact]
    public void With_remove_unmet_a_model_that_cannot_meet_the_bar_leaves_the_folder()
    {
        var (models, calibration) = WeakModelAndCalibrationSet();
        var log = new StringWriter();

        CalibrateCommand.Run(new Arguments(["--dataset", calibration, "--models", models, "--max-false-alarms", "0", "--min-confirmed-bad-recall", "1", "--remove-unmet", .. Fold],
            new HashSet<string> { "remove-unmet" }), log);

        Assert.Empty(Directory.GetFiles(models, Plot + ".*"));
        Assert.Contains("model removed", log.ToString());
    }

    [Theory]
    [InlineData(new[] { "--models", "m" }, "calibrate needs --dataset FOLDER")]
    [InlineData(new[] { "--dataset", "d" }, "calibrate needs --models FOLDER")]
    [InlineData(new[] { "--dataset", "/nonexistent", "--models", "m" }, "run the dataset command first")]
    [InlineData(new[] { "--dataset", "d", "--models", "m", "--max-false-alarms", "2" }, "--max-false-alarms")]
    public void Bad_arguments_are_refused_with_a_clear_message(string[] args, string message)
    {
        var error = Assert.Throws<UsageException>(() => CalibrateCommand.Run(new Arguments(args, new HashSet<string>()), TextWriter.Null));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_card_that_is_not_json_is_refused_by_name_and_nothing_is_written()
    {
        var (models, calibration) = WeakModelAndCalibrationSet();
        File.WriteAllText(Path.Combine(models, "FTOF_adcOccupancy.json"), "{ not a card");

        var error = Assert.Throws<UsageException>(() => CalibrateCommand.Run(new Arguments(["--dataset", calibration, "--models", models], new HashSet<string>()), TextWriter.Null));

        Assert.Contains("FTOF_adcOccupancy.json is not a model card", error.Message);
        Assert.Null(ReadCard(models).ThresholdHistory);
    }

    [Fact]
    public void A_damaged_image_in_a_later_plot_type_is_named_and_no_card_is_rewritten()
    {
        // Two plot types, calibrated in card order: ECAL_adcOccupancy, whose threshold the bar
        // would raise, then RICH_s1 (the same model and images under another name) with one
        // damaged image. Measuring ECAL first must not leave its card rewritten.
        const string later = "RICH_s1";
        var (models, shared) = WeakModelAndCalibrationSet();
        var calibration = Path.Combine(root, "damaged");
        foreach (var file in Directory.GetFiles(shared, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(calibration, Path.GetRelativePath(shared, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var copies = DatasetWriter.ReadManifest(shared).Select(e => e with { Plot = later, File = Path.Combine(later, Path.GetFileName(e.File)) }).ToList();
        Directory.CreateDirectory(Path.Combine(calibration, later));
        foreach (var (entry, original) in copies.Zip(DatasetWriter.ReadManifest(shared)))
            File.Copy(Path.Combine(shared, original.File), Path.Combine(calibration, entry.File));
        File.AppendAllLines(Path.Combine(calibration, DatasetWriter.ManifestName), copies.Select(e => JsonSerializer.Serialize(e, DatasetWriter.Json)));
        var damaged = Path.Combine(calibration, copies[40].File);
        File.WriteAllBytes(damaged, File.ReadAllBytes(damaged)[..200]);
        File.Copy(Path.Combine(models, Plot + ".onnx"), Path.Combine(models, later + ".onnx"));
        File.WriteAllText(Path.Combine(models, later + ".json"), JsonSerializer.Serialize(ReadCard(models) with { Plot = later }, ModelCard.Json));
        var card = File.ReadAllText(Path.Combine(models, Plot + ".json"));
        string[] args = ["--dataset", calibration, "--models", models, "--max-false-alarms", "0.1", .. Fold];

        var error = Assert.Throws<IOException>(() => CalibrateCommand.Run(new Arguments(args, new HashSet<string>()), TextWriter.Null));

        Assert.Contains(Path.GetFileName(damaged), error.Message);
        Assert.Contains("is not a complete PNG", error.Message);
        Assert.Equal(card, File.ReadAllText(Path.Combine(models, Plot + ".json")));
        // Mended, the same run rewrites the ECAL card: it was the damaged image that held it back.
        File.Copy(Path.Combine(shared, DatasetWriter.ReadManifest(shared).ElementAt(40).File), damaged, overwrite: true);
        Assert.Equal(0, CalibrateCommand.Run(new Arguments(args, new HashSet<string>()), TextWriter.Null));
        Assert.NotEqual(card, File.ReadAllText(Path.Combine(models, Plot + ".json")));
    }

    [Fact]
    public void A_card_without_its_model_or_with_other_labels_is_refused_by_name_and_no_card_is_rewritten()
    {
        var (models, calibration) = WeakModelAndCalibrationSet();
        var card = File.ReadAllText(Path.Combine(models, Plot + ".json"));
        var lonely = ReadCard(models) with { Plot = "A_lonely_card" };
        File.WriteAllText(Path.Combine(models, "A_lonely_card.json"), JsonSerializer.Serialize(lonely, ModelCard.Json));
        string[] args = ["--dataset", calibration, "--models", models, "--max-false-alarms", "0.1", .. Fold];

        // The lonely card has no images, so it is not calibrated; with images it must have its model.
        Assert.Equal(0, CalibrateCommand.Run(new Arguments(args, new HashSet<string>()), TextWriter.Null));
        Assert.NotEqual(card, File.ReadAllText(Path.Combine(models, Plot + ".json")));
        File.WriteAllText(Path.Combine(models, Plot + ".json"), card);
        File.Delete(Path.Combine(models, "A_lonely_card.json"));
        File.Move(Path.Combine(models, Plot + ".onnx"), Path.Combine(models, "elsewhere.onnx"));
        var missing = Assert.Throws<UsageException>(() => CalibrateCommand.Run(new Arguments(args, new HashSet<string>()), TextWriter.Null));
        Assert.Contains($"{Plot}.onnx is missing beside its card", missing.Message);
        Assert.Equal(card, File.ReadAllText(Path.Combine(models, Plot + ".json")));
        File.Move(Path.Combine(models, "elsewhere.onnx"), Path.Combine(models, Plot + ".onnx"));

        File.WriteAllText(Path.Combine(models, Plot + ".json"), JsonSerializer.Serialize(ReadCard(models) with { Labels = ["Good", "Bad"] }, ModelCard.Json));
        var disagree = Assert.Throws<UsageException>(() => CalibrateCommand.Run(new Arguments(args, new HashSet<string>()), TextWriter.Null));
        Assert.Contains("names the labels Good/Bad but", disagree.Message);
        Assert.Empty(Directory.GetFiles(models, "*.partial"));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A copy of the weak model (this test's own, to rewrite) and the calibration set.</summary>
    private (string Models, string Calibration) WeakModelAndCalibrationSet()
    {
        var models = Directory.CreateDirectory(Path.Combine(root, "models")).FullName;
        foreach (var file in Directory.GetFiles(weak.Models)) File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        return (models, weak.Calibration);
    }

    private static ModelCard ReadCard(string models) =>
        JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(Path.Combine(models, Plot + ".json")), ModelCard.Json)!;

    /// <summary>
    /// The served model's verdicts on the calibration set, predicted once: calibration rewrites only
    /// the card, so the same verdicts answer for every threshold a test asks about.
    /// </summary>
    private sealed class Served
    {
        private readonly (bool Bad, Prediction Verdict)[] _verdicts;

        public Served(string models, string calibration)
        {
            var entries = DatasetWriter.ReadManifest(calibration).ToList();
            using var model = PlotModel.Load(File.ReadAllBytes(Path.Combine(models, Plot + ".onnx")));
            var verdicts = model.PredictPngs([.. entries.Select(e => File.ReadAllBytes(Path.Combine(calibration, e.File)))]);
            _verdicts = [.. entries.Zip(verdicts, (e, v) => (e.Label is "Bad" or "HotChannel", v))];
        }

        /// <summary>How many Bad calibration images are confirmed as Bad at <paramref name="threshold"/>.</summary>
        public int ConfirmedBad(float threshold) => _verdicts.Count(v => v.Bad && Confirms(v.Verdict, threshold));

        /// <summary>Share of the healthy (not Bad) calibration images confirmed as Bad at <paramref name="threshold"/>.</summary>
        public double FalseAlarmRate(float threshold) =>
            (double)_verdicts.Count(v => !v.Bad && Confirms(v.Verdict, threshold)) / _verdicts.Count(v => !v.Bad);

        private static bool Confirms(Prediction verdict, float threshold) => verdict.TopLabel == "Bad" && verdict.TopScore >= threshold;
    }
}

/// <summary>A model trained for three epochs on 60 images of dataset seed 1, and 60 images of seed 2 to calibrate it on: made once for the class.</summary>
public sealed class WeakModel : IDisposable
{
    public const string Plot = "ECAL_adcOccupancy";
    public static readonly string[] Fold = ["--fold", "Acceptable=Good,HotChannel=Bad"];
    private readonly string root = Directory.CreateTempSubdirectory("iolaus-weak-model").FullName;

    public WeakModel()
    {
        var training = Path.Combine(root, "training");
        (Models, Calibration) = (Path.Combine(root, "models"), Path.Combine(root, "calibration"));
        DatasetCommand.Run(new Arguments(["--out", training, "--per-plot", "60", "--plots", Plot, "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);
        DatasetCommand.Run(new Arguments(["--out", Calibration, "--per-plot", "60", "--seed", "2", "--plots", Plot, "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);
        TrainCommand.Run(new Arguments(["--dataset", training, "--out", Models, "--epochs", "3", "--blocks", "4", "--validation", "0.2",
            "--reference", "mean-good", "--patience", "100", "--max-false-alarms", "1", .. Fold], new HashSet<string>()), TextWriter.Null);
    }

    public string Models { get; }
    public string Calibration { get; }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
