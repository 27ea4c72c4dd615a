using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hydra.Models.Training;

namespace Hydra.Models.Tests;

/// <summary>
/// The default models' recipe (Hydra.Inference/DefaultModels/recipe.txt) against the cards it claims
/// to describe, and eng/reproduce-default-models.sh against the recipe: the one command that
/// reproduces the shipped models only does so if both hold.
/// </summary>
public sealed partial class DefaultModelRecipeTests
{
    private sealed record RecipeLine(string Plot, int Images, int Epochs, int Seed, int Calibration, string Schedule, string Blocks);

    [Fact]
    public void Every_shipped_card_has_one_recipe_line_that_says_how_it_was_trained_and_calibrated()
    {
        var recipe = ReadRecipe();
        var cards = TestModels.DefaultModelFiles("*.json")
            .Select(f => JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(f), ModelCard.Json)!).ToList();

        Assert.Equal(cards.Select(c => c.Plot).Order(StringComparer.Ordinal), recipe.Keys.Order(StringComparer.Ordinal));
        foreach (var card in cards)
        {
            var line = recipe[card.Plot];
            var hyper = card.Hyperparameters;
            Assert.True(line.Images == card.TrainingImages + card.HeldOutImages, $"{card.Plot}: recipe {line.Images} images, card {card.TrainingImages} + {card.HeldOutImages}");
            Assert.True(line.Epochs == hyper.MaxEpochs, $"{card.Plot}: recipe {line.Epochs} epochs, card {hyper.MaxEpochs}");
            Assert.True(line.Seed == hyper.Seed, $"{card.Plot}: recipe seed {line.Seed}, card {hyper.Seed}");
            Assert.True(string.Equals(line.Schedule, hyper.Schedule.ToString(), StringComparison.OrdinalIgnoreCase), $"{card.Plot}: recipe {line.Schedule}, card {hyper.Schedule}");
            Assert.True(line.Blocks == string.Join(',', hyper.BlockChannels), $"{card.Plot}: recipe blocks {line.Blocks}, card {string.Join(',', hyper.BlockChannels)}");
            // The last threshold change that a calibration set made names that set's size.
            var calibrated = (card.ThresholdHistory ?? []).Select(c => CalibrationImages().Match(c.Evidence)).LastOrDefault(m => m.Success);
            if (calibrated is not null)
                Assert.True(line.Calibration == int.Parse(calibrated.Groups[1].Value), $"{card.Plot}: recipe calibration {line.Calibration}, card '{calibrated.Value}'");
        }
    }

    [Fact]
    public void The_reproduce_script_trains_every_recipe_line_once_with_its_own_settings()
    {
        var recipe = ReadRecipe();
        var (exitCode, output, error) = RunScript(plots: null);
        Assert.True(exitCode == 0, error);

        var trained = new List<string>();
        foreach (var call in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var settings = call.Split(' ').Where(w => w.Contains('=')).Select(w => w.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            var images = int.Parse(call.Split(' ')[^2]);
            foreach (var plot in settings["PLOTS"].Split(','))
            {
                trained.Add(plot);
                Assert.Equal(recipe[plot], new RecipeLine(plot, images, int.Parse(settings["EPOCHS"]), int.Parse(settings["TRAINING_SEED"]),
                    int.Parse(settings["CALIBRATION_PER_PLOT"]), settings["SCHEDULE"], settings["BLOCKS"]));
            }
        }
        Assert.Equal(recipe.Keys.Order(StringComparer.Ordinal), trained.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_plot_type_the_recipe_does_not_know_stops_the_script_before_any_training()
    {
        var (exitCode, output, error) = RunScript(plots: "CND_tdc,ECAL_tdc_s7");

        Assert.Equal(2, exitCode);
        Assert.Contains("ECAL_tdc_s7 is not in", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void A_malformed_recipe_line_is_named_and_nothing_is_trained()
    {
        var recipe = Path.GetTempFileName();
        try
        {
            File.WriteAllText(recipe, "# plot images epochs seed calibration schedule blocks\nCND_tdc 6000 60 1 2000 constant 8,16,32\nECAL_tdc_s4 6000 ninety 1 2000 constant 8,16,32\n");
            var (exitCode, output, error) = RunScript(plots: null, recipe);

            Assert.Equal(2, exitCode);
            Assert.Contains($"{recipe}:3: expected", error);
            Assert.Equal("", output);
        }
        finally
        {
            File.Delete(recipe);
        }
    }

    private static Dictionary<string, RecipeLine> ReadRecipe() =>
        File.ReadLines(Path.Combine(Hydra.Testing.Repository.Root, "Hydra.Inference", "DefaultModels", "recipe.txt"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => new RecipeLine(f[0], int.Parse(f[1]), int.Parse(f[2]), int.Parse(f[3]), int.Parse(f[4]), f[5], f[6]))
            .ToDictionary(l => l.Plot);

    private static (int ExitCode, string Output, string Error) RunScript(string? plots, string? recipe = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Hydra.Testing.Repository.Root, "eng", "reproduce-default-models.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DRY_RUN"] = "1" },
        };
        if (plots is null) start.Environment.Remove("PLOTS");
        else start.Environment["PLOTS"] = plots;
        if (recipe is null) start.Environment.Remove("RECIPE");
        else start.Environment["RECIPE"] = recipe;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    [GeneratedRegex(@"^(\d+) images")]
    private static partial Regex CalibrationImages();
}
