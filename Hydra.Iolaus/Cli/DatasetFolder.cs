using Hydra.Iolaus.Datasets;

namespace Hydra.Iolaus.Cli;

/// <summary>What the commands that read a <c>dataset</c> folder (train, calibrate) share.</summary>
internal static class DatasetFolder
{
    /// <summary>The folder's images, or a usage error that says how to make them.</summary>
    public static IReadOnlyList<DatasetEntry> Entries(string folder)
    {
        var manifest = Path.Combine(folder, DatasetWriter.ManifestName);
        if (!File.Exists(manifest)) throw new UsageException($"{manifest} does not exist: run the dataset command first");
        return [.. DatasetWriter.ReadManifest(folder)];
    }

    /// <summary><c>--plots A,B</c> as a set, or null for every plot type.</summary>
    public static IReadOnlySet<string>? Plots(Arguments args) =>
        args.String("plots")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
