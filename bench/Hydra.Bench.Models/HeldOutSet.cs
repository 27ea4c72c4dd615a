using Hydra.Iolaus.Datasets;
using Hydra.Iolaus.Plots;

namespace Hydra.Bench.Models;

/// <summary>
/// The bench's held-out images, one dataset folder per plot type. An image depends only on its plot
/// type, the seed and its index (<see cref="DatasetWriter"/>), so a plot type's folder holds the same
/// images whichever others are benched with it. With <c>--held-out FOLDER</c> the folders are kept
/// and reused: two benches of different models (shipped and recalibrated, say) then judge the same
/// images without writing them twice, which is minutes for 78 plot types on two cores.
/// </summary>
public sealed class HeldOutSet(string root, int perPlot, int seed)
{
    public string FolderOf(string plot) => Path.Combine(root, $"seed{seed}-{perPlot}", plot);

    /// <summary>Writes the plot types that have no complete folder yet; returns how many it wrote.</summary>
    /// <remarks>The writer puts the manifest down last, so a folder from a killed run has none and is written again.</remarks>
    public int Prepare(IEnumerable<PlotDefinition> plots)
    {
        var written = 0;
        foreach (var plot in plots.Where(p => !File.Exists(Path.Combine(FolderOf(p.Name), DatasetWriter.ManifestName))))
        {
            new DatasetWriter(FolderOf(plot.Name), perPlot, seed).Write([plot]);
            written++;
        }
        return written;
    }

    private readonly Dictionary<string, IReadOnlyList<DatasetEntry>> _entries = [];

    /// <summary>A plot type's manifest, read once: the quality, preparation and training steps all ask for it.</summary>
    public IReadOnlyList<DatasetEntry> Entries(string plot)
    {
        if (!_entries.TryGetValue(plot, out var entries)) _entries[plot] = entries = DatasetWriter.ReadManifest(FolderOf(plot)).ToList();
        return entries;
    }
}
