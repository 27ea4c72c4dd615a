using Hydra.Iolaus.Cli;
using Hydra.Models;

namespace Hydra.Bench.Models;

public sealed record BenchArguments(int PerPlot, int Seed, HashSet<string>? Plots, string? Models, string? Train, string? Misses, ImageShape Input)
{
    /// <summary>Seed 1 made the default models' dataset; 7001 and up were never used for training.</summary>
    public static BenchArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
        return new BenchArguments(
            int.Parse(Value("per-plot") ?? "200", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("seed") ?? "7001", System.Globalization.CultureInfo.InvariantCulture),
            Value("plots")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            Value("models"),
            Value("train"),
            Value("misses"),
            // The input eng/train-default-models.sh trains at, for --train.
            TrainCommand.ParseInput(Value("input")) ?? new ImageShape(3, 80, 160));
    }

    public static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hydra.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("run from inside the Hydra repository");
    }
}
