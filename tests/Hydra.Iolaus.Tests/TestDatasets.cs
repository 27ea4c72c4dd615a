using Hydra.Iolaus.Datasets;
using Hydra.Iolaus.Plots;

namespace Hydra.Iolaus.Tests;

/// <summary>Writes a dataset into a temporary folder and returns its manifest, leaving nothing behind.</summary>
internal static class TestDatasets
{
    public static List<DatasetEntry> Write(Func<string, DatasetWriter> writer, params PlotDefinition[] plots)
    {
        var folder = Directory.CreateTempSubdirectory("iolaus-dataset").FullName;
        try
        {
            writer(folder).Write(plots);
            return [.. DatasetWriter.ReadManifest(folder)];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
