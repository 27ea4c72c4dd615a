using Hydra.Iolaus.Cli;
using Hydra.Models;

namespace Hydra.Bench.Models;

public sealed record BenchArguments(int PerPlot, int Seed, HashSet<string>? Plots, string? Models, string? HeldOut, string? Train, string? Misses, ImageShape Input)
{
    /// <summary>The input eng/train-default-models.sh trains at: <c>--train</c>'s default.</summary>
    public static readonly ImageShape DefaultInput = new(3, 80, 160);

    public const string Usage = "Usage: [--per-plot 200] [--seed 7001] [--plots A,B] [--models DIR] [--held-out DIR] [--train PLOT [--input 3x80x160]] [--misses DIR]";

    private static readonly string[] Names = ["per-plot", "seed", "plots", "models", "held-out", "train", "misses", "input"];

    /// <summary>Seed 1 made the default models' dataset; 7001 and up were never used for training.</summary>
    /// <exception cref="ArgumentException">An option the bench does not know (e.g. <c>--help</c>) or one without its value: a whole bench run is minutes, so a typo must not start one.</exception>
    public static BenchArguments Parse(string[] args)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !Names.Contains(args[i][2..]))
                throw new ArgumentException($"unknown option '{args[i]}'");
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
        }
        string? Value(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
        return new BenchArguments(
            int.Parse(Value("per-plot") ?? "200", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("seed") ?? "7001", System.Globalization.CultureInfo.InvariantCulture),
            Value("plots")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            Value("models"),
            Value("held-out"),
            Value("train"),
            Value("misses"),
            TrainCommand.ParseInput(Value("input")) ?? DefaultInput);
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
