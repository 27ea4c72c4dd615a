using Hydra.Iolaus.Cli;

namespace Hydra.Iolaus.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Tt_export_prints_one_table_in_ccdb_text()
    {
        var output = new StringWriter();

        var exit = TtExportCommand.Run(new Arguments(["--detector", "ecal"], new HashSet<string>()), output);

        Assert.Equal(0, exit);
        Assert.Contains("#& crate slot channel sector layer component order", output.ToString());
        Assert.Contains("#meta synthetic: false", output.ToString());
        Assert.Equal(2 * 2448, output.ToString().Split('\n').Count(line => line.Length > 0 && char.IsDigit(line[0])));
    }

    [Fact]
    public void Render_writes_the_monitoring_layout()
    {
        var folder = Directory.CreateTempSubdirectory("iolaus-render").FullName;
        try
        {
            var exit = RenderCommand.Run(new Arguments(
                ["--out", folder, "--run", "5038", "--chunk", "12", "--plots", "ECAL_adcOccupancy,RF_time", "--fault", "crate:ECAL:9", "--layout"],
                new HashSet<string> { "layout" }), TextWriter.Null);

            Assert.Equal(0, exit);
            Assert.True(File.Exists(Path.Combine(folder, "5038", "ECAL_adcOccupancy_0012.png")));
            Assert.True(File.Exists(Path.Combine(folder, "5038", "RF_time_0012.png")));
            Assert.Contains("\"frame\"", File.ReadAllText(Path.Combine(folder, "5038", "ECAL_adcOccupancy_0012.layout.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Dataset_low_statistics_sets_the_share_of_acceptable_low_statistics_chunks()
    {
        var root = Directory.CreateTempSubdirectory("iolaus-dataset").FullName;
        try
        {
            int Acceptable(string share)
            {
                var folder = Path.Combine(root, share);
                DatasetCommand.Run(new Arguments(["--out", folder, "--per-plot", "40", "--plots", "RF_time", "--low-statistics", share, "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);
                return Hydra.Iolaus.Datasets.DatasetWriter.ReadManifest(folder).Count(e => e.Label == "Acceptable");
            }

            Assert.Equal(0, Acceptable("0"));
            Assert.InRange(Acceptable("0.5"), 12, 28); // 20 expected of 40
            Assert.Throws<UsageException>(() => Acceptable("0.9"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "--out", "x", "--chunk", "many" }, "--chunk must be a whole number")]
    [InlineData(new[] { "--out", "x", "--colour", "red" }, "unknown option(s): --colour")]
    [InlineData(new[] { "--out", "x", "--plots", "ECAL_nothing" }, "unknown plot 'ECAL_nothing'")]
    [InlineData(new[] { "--out", "x", "--fault", "crate:ECAL" }, "fault 'crate:ECAL'")]
    [InlineData(new[] { "--out", "x", "--target", "Gold" }, "--target must be one of")]
    [InlineData(new[] { "--chunk", "3" }, "render needs --out FOLDER")]
    [InlineData(new[] { "--out" }, "--out needs a value")]
    public void Bad_arguments_are_refused_with_a_clear_message(string[] args, string message)
    {
        var error = Assert.Throws<UsageException>(() => RenderCommand.Run(new Arguments(args, new HashSet<string> { "layout" }), TextWriter.Null));
        Assert.Contains(message, error.Message);
    }
}

/// <summary><c>train</c>: a model and its card per plot type, from a dataset folder.</summary>
public sealed class TrainCommandTests
{
    [Fact]
    public void Train_writes_an_onnx_model_and_a_model_card_per_plot_type()
    {
        var root = Directory.CreateTempSubdirectory("iolaus-train").FullName;
        try
        {
            var dataset = Path.Combine(root, "dataset");
            var models = Path.Combine(root, "models");
            DatasetCommand.Run(new Arguments(["--out", dataset, "--per-plot", "12", "--plots", "RF_time,HEL_board", "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);
            var log = new StringWriter();

            TrainCommand.Run(new Arguments(["--dataset", dataset, "--out", models, "--epochs", "2", "--blocks", "4"], new HashSet<string>()), log);

            Assert.Equal(["HEL_board.json", "HEL_board.onnx", "RF_time.json", "RF_time.onnx"], Directory.GetFiles(models).Select(Path.GetFileName).Order());
            using var model = Hydra.Models.Serving.PlotModel.Load(File.ReadAllBytes(Path.Combine(models, "RF_time.onnx")));
            var card = System.Text.Json.JsonSerializer.Deserialize<Hydra.Models.Training.ModelCard>(File.ReadAllText(Path.Combine(models, "RF_time.json")), Hydra.Models.Training.ModelCard.Json)!;
            Assert.Equal("RF_time", card.Plot);
            Assert.Equal(model.Labels, card.Labels);
            Assert.Equal(Hydra.Models.Training.PlotModelBuilder.DefaultInput, card.Input);
            Assert.All(card.Labels, label => Assert.InRange(card.Thresholds[label], 0f, 1f));
            Assert.Contains("RF_time", log.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Train_reports_every_epoch_unless_quiet()
    {
        var root = Directory.CreateTempSubdirectory("iolaus-train").FullName;
        try
        {
            var dataset = Path.Combine(root, "dataset");
            DatasetCommand.Run(new Arguments(["--out", dataset, "--per-plot", "12", "--plots", "RF_time", "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);
            string Train(params string[] extra)
            {
                var progress = new StringWriter();
                TrainCommand.Run(new Arguments(["--dataset", dataset, "--out", Path.Combine(root, "models"), "--epochs", "3", "--blocks", "4", "--patience", "100", .. extra],
                    new HashSet<string> { "quiet" }), TextWriter.Null, progress);
                return progress.ToString();
            }

            var lines = Train().Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(3, lines.Length);
            Assert.All(lines.Select((line, i) => (line, i)), l => Assert.Matches(
                $@"^RF_time epoch {l.i + 1}/3: training loss \d+\.\d{{4}}, validation loss \d+\.\d{{4}}, accuracy \d+(\.\d)? ?%, best epoch [0-3], \d+ s, at most \d+ s left", l.line));
            Assert.Equal("", Train("--quiet"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Train_can_fold_labels_and_says_so_in_the_model_card()
    {
        var root = Directory.CreateTempSubdirectory("iolaus-train").FullName;
        try
        {
            var dataset = Path.Combine(root, "dataset");
            var models = Path.Combine(root, "models");
            DatasetCommand.Run(new Arguments(["--out", dataset, "--per-plot", "16", "--plots", "RF_time", "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);

            TrainCommand.Run(new Arguments(["--dataset", dataset, "--out", models, "--epochs", "1", "--blocks", "4", "--seed", "3", "--fold", "Acceptable=Good,NoData=Bad"], new HashSet<string>()), TextWriter.Null);

            var card = System.Text.Json.JsonSerializer.Deserialize<Hydra.Models.Training.ModelCard>(File.ReadAllText(Path.Combine(models, "RF_time.json")), Hydra.Models.Training.ModelCard.Json)!;
            Assert.Equal(["Good", "Bad"], card.Labels);
            // The seed is the training's, not the dataset's (the dataset's own seed is in its manifest).
            Assert.Equal("iolaus dataset dataset, training seed 3, labels folded Acceptable=Good, NoData=Bad", card.Source);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Train_holds_false_alarms_to_the_bar_or_leaves_the_model_out()
    {
        var root = Directory.CreateTempSubdirectory("iolaus-train").FullName;
        try
        {
            var dataset = Path.Combine(root, "dataset");
            DatasetCommand.Run(new Arguments(["--out", dataset, "--per-plot", "60", "--plots", "ECAL_adcOccupancy", "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);
            string Train(string folder, params string[] bars)
            {
                var log = new StringWriter();
                TrainCommand.Run(new Arguments(["--dataset", dataset, "--out", Path.Combine(root, folder), "--epochs", "3", "--blocks", "4", "--validation", "0.2",
                    "--reference", "mean-good", "--patience", "100", "--fold", "Acceptable=Good,HotChannel=Bad", .. bars], new HashSet<string>()), log);
                return log.ToString();
            }

            // Three epochs of four filters on 60 images: at its max-F1 threshold most held-out
            // healthy images come out confirmed Bad.
            var lenient = Train("lenient", "--max-false-alarms", "1");
            Assert.Matches(@"Bad threshold 0\.\d\d: confirmed Bad recall \d+ ?%, false alarms [1-9][\d.]* ?%", lenient);
            Assert.True(File.Exists(Path.Combine(root, "lenient", "ECAL_adcOccupancy.onnx")));

            var strict = Train("strict", "--max-false-alarms", "0", "--min-confirmed-bad-recall", "1");
            Assert.Contains("not written", strict);
            Assert.False(File.Exists(Path.Combine(root, "strict", "ECAL_adcOccupancy.onnx")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Holding_false_alarms_raises_the_Bad_threshold_as_little_as_needed_and_says_so()
    {
        // Healthy images called Bad at 0.60 and 0.85, Bad images at 0.70 and 0.90: max F1 keeps 0.5.
        var labels = new[] { "Good", "Bad" };
        var heldOut = Hydra.Models.Evaluation.ModelEvaluation.Evaluate(labels,
            new[] { ("Good", 0.1f), ("Good", 0.2f), ("Good", 0.6f), ("Good", 0.85f), ("Bad", 0.9f), ("Bad", 0.7f) }
                .Select(s => new Hydra.Models.Evaluation.EvaluationSample(s.Item1, [1 - s.Item2, s.Item2])));
        var card = new Hydra.Models.Training.ModelCard("ECAL_adcOccupancy", labels, new Hydra.Models.ImageShape(3, 80, 160),
            new Dictionary<string, float> { ["Good"] = 0.5f, ["Bad"] = 0.5f }, 0.67, 6, 30, 5,
            new Hydra.Models.Training.TrainingHyperparameters(Hydra.Models.Training.OptimizerKind.Adam, 0.003f, null, 0, 16, 60, 12, 0, 0.15, 1,
                Hydra.Models.Training.ClassSampling.ToBadCount, 10, [4], false), "test", DateTimeOffset.UnixEpoch);

        var (raised, note) = FalseAlarmBar.Hold(card, heldOut, maxFalseAlarms: 0.25, minConfirmedRecall: 0.5);
        Assert.Equal(0.61f, raised!.Thresholds["Bad"], 3);
        Assert.Equal(0.5f, raised.Thresholds["Good"]);
        var change = Assert.Single(raised.ThresholdHistory!);
        Assert.Equal(("Bad", 0.5f, 0.61f, "the 6 held-out images"), (change.Label, change.From, (float)Math.Round(change.To, 2), change.Evidence));
        Assert.Equal("the least raise for at most 25.0 % confirmed false alarms", change.Rule);
        Assert.Equal("test", raised.Source);
        Assert.Contains("0.50 -> 0.61", note);

        Assert.Same(card, FalseAlarmBar.Hold(card, heldOut, maxFalseAlarms: 0.5, minConfirmedRecall: 0).Card);
        var (tooFew, why) = FalseAlarmBar.Hold(card, heldOut, maxFalseAlarms: 0, minConfirmedRecall: 0.9);
        Assert.Null(tooFew);   // 0.86 would leave half the Bad images confirmed
        Assert.Contains("below --min-confirmed-bad-recall", why);

        // A threshold that meets the bar as it is must still confirm enough Bad images: at 0.80 only one of two.
        var strict = card.WithThreshold("Bad", 0.8f, "an expert's", "test");
        var (asIs, low) = FalseAlarmBar.Hold(strict, heldOut, maxFalseAlarms: 0.5, minConfirmedRecall: 0.9);
        Assert.Null(asIs);
        Assert.Equal("Bad threshold 0.80: confirmed Bad recall 50 %, false alarms 25.0 %, below --min-confirmed-bad-recall 90 %", low);
    }

    [Fact]
    public void Train_with_a_reference_a_schedule_a_pooling_and_a_stride_records_them_and_classify_reads_the_model()
    {
        var root = Directory.CreateTempSubdirectory("iolaus-train").FullName;
        try
        {
            var dataset = Path.Combine(root, "dataset");
            var models = Path.Combine(root, "models");
            DatasetCommand.Run(new Arguments(["--out", dataset, "--per-plot", "16", "--plots", "RF_time", "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);

            TrainCommand.Run(new Arguments(["--dataset", dataset, "--out", models, "--epochs", "2", "--blocks", "4", "--reference", "mean-good",
                "--schedule", "cosine", "--validation", "0.2", "--patience", "3", "--batch", "8", "--pooling", "mean-max", "--first-stride", "2"], new HashSet<string>()), TextWriter.Null);
            var log = new StringWriter();
            ClassifyCommand.Run(new Arguments(["--model", Path.Combine(models, "RF_time.onnx"), "--images", dataset, "--plot", "RF_time"], new HashSet<string>()), log);

            var card = System.Text.Json.JsonSerializer.Deserialize<Hydra.Models.Training.ModelCard>(File.ReadAllText(Path.Combine(models, "RF_time.json")), Hydra.Models.Training.ModelCard.Json)!;
            Assert.Equal(Hydra.Models.Training.InputReferenceKind.MeanGood, card.Hyperparameters.InputReference);
            Assert.Equal(Hydra.Models.Training.LearningRateSchedule.Cosine, card.Hyperparameters.Schedule);
            Assert.Equal((0.2, 3, 8), (card.Hyperparameters.ValidationFraction, card.Hyperparameters.Patience, card.Hyperparameters.BatchSize));
            Assert.Equal(Hydra.Models.Networks.CamPooling.MeanAndMax, card.Hyperparameters.Pooling);
            Assert.Equal(2, card.Hyperparameters.FirstBlockStride);
            // One verdict per image, each "confirmed" or not against the card's thresholds.
            var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(16, lines.Length);
            Assert.All(lines, line => Assert.Matches(@"^RF_time/\S+\.png +\w+ +(confirmed|below threshold)", line));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_damaged_dataset_image_is_named_by_train_and_by_classify_which_still_judges_the_rest()
    {
        var root = Directory.CreateTempSubdirectory("iolaus-train").FullName;
        try
        {
            var dataset = Path.Combine(root, "dataset");
            var models = Path.Combine(root, "models");
            DatasetCommand.Run(new Arguments(["--out", dataset, "--per-plot", "12", "--plots", "RF_time", "--quiet"], new HashSet<string> { "quiet" }), TextWriter.Null, TextWriter.Null);
            TrainCommand.Run(new Arguments(["--dataset", dataset, "--out", models, "--epochs", "1", "--blocks", "4"], new HashSet<string>()), TextWriter.Null);
            var onnx = File.ReadAllBytes(Path.Combine(models, "RF_time.onnx"));
            var damaged = Directory.GetFiles(Path.Combine(dataset, "RF_time"), "*.png").Order(StringComparer.Ordinal).Skip(5).First();
            File.WriteAllBytes(damaged, File.ReadAllBytes(damaged)[..100]);

            var error = Assert.Throws<IOException>(() => TrainCommand.Run(new Arguments(["--dataset", dataset, "--out", models, "--epochs", "1", "--blocks", "4"], new HashSet<string>()), TextWriter.Null));
            Assert.Contains(damaged, error.Message);
            Assert.Contains("is not a complete PNG", error.Message);
            Assert.Equal(onnx, File.ReadAllBytes(Path.Combine(models, "RF_time.onnx")));   // the model it had is kept

            var log = new StringWriter();
            var exit = ClassifyCommand.Run(new Arguments(["--model", Path.Combine(models, "RF_time.onnx"), "--images", dataset, "--plot", "RF_time"], new HashSet<string>()), log);
            var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(1, exit);
            Assert.Equal(12, lines.Length);
            Assert.Single(lines, line => line.Contains(" damaged "));
            Assert.StartsWith(Path.GetRelativePath(dataset, damaged), lines.Single(line => line.Contains(" damaged ")));
            Assert.Equal(11, lines.Count(line => line.Contains("confirmed") || line.Contains("below threshold")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Train_input_is_channels_by_height_by_width()
    {
        Assert.Equal(new Hydra.Models.ImageShape(3, 80, 160), TrainCommand.ParseInput("3x80x160"));
        Assert.Equal(new Hydra.Models.ImageShape(4, 80, 160), TrainCommand.ParseInput("4x80x160"));
        Assert.Null(TrainCommand.ParseInput(null));
        Assert.Contains("--input is CxHxW", Assert.Throws<UsageException>(() => TrainCommand.ParseInput("2x80x160")).Message);
        Assert.Contains("--input is CxHxW", Assert.Throws<UsageException>(() => TrainCommand.ParseInput("5x80x160")).Message);
    }

    [Theory]
    [InlineData("Acceptable")]
    [InlineData("Acceptable=")]
    [InlineData("Good=Good")]
    public void A_malformed_fold_is_refused(string fold)
    {
        var error = Assert.Throws<UsageException>(() => TrainCommand.ParseFold(fold));
        Assert.Contains("--fold is a list of FROM=TO label pairs", error.Message);
    }

    [Fact]
    public void An_input_too_small_for_the_blocks_and_stride_is_refused_before_any_dataset_is_read()
    {
        var error = Assert.Throws<UsageException>(() => TrainCommand.Run(new Arguments(
            ["--dataset", "/nonexistent", "--out", "/tmp/x", "--input", "3x8x16", "--blocks", "8,16,32", "--first-stride", "2"], new HashSet<string>()), TextWriter.Null));
        Assert.Contains("--input 3x8x16 is too small for --blocks 8,16,32 with --first-stride 2", error.Message);
    }

    [Fact]
    public void Train_without_a_dataset_says_so()
    {
        var error = Assert.Throws<UsageException>(() => TrainCommand.Run(new Arguments(["--dataset", "/nonexistent", "--out", "/tmp/x"], new HashSet<string>()), TextWriter.Null));
        Assert.Contains("run the dataset command first", error.Message);
    }
}
