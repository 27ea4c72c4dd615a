using Hydra.Iolaus.Cli;
using Hydra.Models;

namespace Hydra.Bench.Models;

public sealed record BenchArguments(int PerPlot, int Seed, HashSet<string>? Plots, string? Models, string? HeldOut, string? Train, string? Misses, ImageShape Input)
{
    /// <summary>The input eng/train-default-models.sh trains at: <c>--train</c>'s default.</summary>
    public static readonly ImageShape DefaultInput = new(3, 80, 160);

    public const string Usage = "Usage: [--per-plot 200] [--seed 7001] [--plots A,B] [--models DIR] [--held-out DIR] [--train PLOT [--input 3x80x160]] [--misses DIR]";

    /// <summary>Seed 1 made the default models' dataset; 7001 and up were never used for training.</summary>
    /// <exception cref="UsageException">An option the bench does not know (e.g. <c>--help</c>), one without its value or a malformed number: a whole bench run is minutes, so a typo must not start one.</exception>
    public static BenchArguments Parse(string[] args)
    {
        var options = new Arguments(args, new HashSet<string> { "help" }); // a flag, so --help is named as unknown below with the usage
        var parsed = new BenchArguments(
            options.Int("per-plot", 200, min: 1, max: 100_000),
            options.Int("seed", 7001, min: 0),
            options.String("plots")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            options.String("models"),
            options.String("held-out"),
            options.String("train"),
            options.String("misses"),
            TrainCommand.ParseInput(options.String("input")) ?? DefaultInput);
        options.RejectUnknown();
        return parsed;
    }

    /// <summary>
    /// The repository the bench was built in, or else the one it is run from: a bench built with
    /// <c>-o</c> elsewhere (to keep it apart from a build in progress) still finds the shipped models.
    /// </summary>
    public static string FindRepository() =>
        Above(AppContext.BaseDirectory) ?? Above(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException("run from inside the Hydra repository, or pass --models");

    private static string? Above(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hydra.sln"))) return folder.FullName;
        }
        return null;
    }
}
