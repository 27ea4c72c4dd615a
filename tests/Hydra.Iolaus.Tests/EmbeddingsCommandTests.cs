using Hydra.Iolaus.Cli;

namespace Hydra.Iolaus.Tests;

/// <summary>The ADR-010 bench as a command: it prints one row of figures per plot and encoder.</summary>
public sealed class EmbeddingsCommandTests
{
    [Fact]
    public void Embeddings_prints_the_figures_of_both_encoders()
    {
        var output = new StringWriter();
        var models = Path.Combine(AppContext.BaseDirectory, "DefaultModels");

        var exit = EmbeddingsCommand.Run(new Arguments(["--plots", "FTCAL_adc", "--islands", "2", "--chunks", "3", "--models", models], new HashSet<string>()), output);

        Assert.Equal(0, exit);
        var rows = output.ToString().Split('\n').Where(l => l.StartsWith("FTCAL_adc", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains(" resnet18 ") && r.Contains(" 512 "));
        Assert.Contains(rows, r => r.Contains(" plot-model "));
    }

    [Fact]
    public void An_unknown_plot_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => EmbeddingsCommand.Run(new Arguments(["--plots", "NOPE_plot"], new HashSet<string>()), TextWriter.Null));
        Assert.Contains("NOPE_plot", error.Message);
    }
}
