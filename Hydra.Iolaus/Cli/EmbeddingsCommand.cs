using System.Diagnostics;
using Hydra.Iolaus.Datasets;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;
using Hydra.Models.Clustering;
using Hydra.Models.Embeddings;
using Hydra.Models.Serving;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>embeddings</c>: the bench behind ADR-010. Renders Good chunks of several run-condition
/// islands (and faulty chunks of the same islands), embeds them with each candidate encoder and
/// prints how well the islands separate (silhouette, leave-one-out 5-NN accuracy on unit vectors)
/// and how well the reference similarity tells a Good chunk from a faulty one of the same island
/// (means and AUC). Figures are printed, never asserted.
/// </summary>
public static class EmbeddingsCommand
{
    public const string Usage = "embeddings [--plots A,B] [--models FOLDER] [--islands 8] [--chunks 6] [--seed 7]   compare image encoders (ADR-010)";

    private const string DefaultPlots = "ECAL_adcOccupancy,HTCC_occupancy,FTCAL_adc";

    public static int Run(Arguments args, TextWriter output)
    {
        var plots = (args.String("plots") ?? DefaultPlots).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var models = args.String("models") ?? Path.Combine("Hydra.Inference", "DefaultModels");
        var islandCount = args.Int("islands", 8, 2, 40);
        var chunks = args.Int("chunks", 6, 2, 50);
        var seed = args.Int("seed", 7);
        args.RejectUnknown();
        foreach (var plot in plots)
        {
            if (PlotCatalog.All.All(p => p.Name != plot)) throw new UsageException($"no plot '{plot}' (see: plots)");
        }

        using var resnet = ResNet18Embedder.Load();
        output.WriteLine($"{islandCount} islands x {chunks} Good chunks and 2 faulty chunks per island, seed {seed}");
        output.WriteLine($"{"plot",-20} {"encoder",-11} {"dims",5} {"silhouette",10} {"5-NN acc",8} {"sim Good",8} {"sim Bad",8} {"AUC",6} {"ms/img",7}");
        foreach (var plot in plots)
        {
            var set = Render(PlotCatalog.Get(plot), islandCount, chunks, seed);
            var modelFile = Path.Combine(models, plot + ".onnx");
            using var plotModel = File.Exists(modelFile) ? PlotModel.Load(File.ReadAllBytes(modelFile)) : null;
            var encoders = new List<IImageEmbedder> { resnet };
            if (plotModel is { HasFeatures: true }) encoders.Add(new PlotFeatureEmbedder(plotModel));
            foreach (var encoder in encoders)
            {
                var figures = Measure(encoder, set);
                output.WriteLine($"{plot,-20} {encoder.Name,-11} {figures.Dimensions,5} {figures.Silhouette,10:0.000} {figures.NearestNeighbour,8:P0} {figures.GoodSimilarity,8:0.000} {figures.BadSimilarity,8:0.000} {figures.Auc,6:0.00} {figures.MsPerImage,7:0.0}");
            }
            if (plotModel is null) output.WriteLine($"{plot,-20} plot-model  (no model at {modelFile})");
        }
        return 0;
    }

    private sealed record Sample(string Island, int Chunk, bool Good, byte[] Png);

    private sealed record Figures(int Dimensions, double Silhouette, double NearestNeighbour, double GoodSimilarity, double BadSimilarity, double Auc, double MsPerImage);

    private static List<Sample> Render(PlotDefinition plot, int islandCount, int chunks, int seed)
    {
        var random = new Random(seed);
        var islands = new List<RunConditions>();
        while (islands.Count < islandCount)
        {
            var candidate = RunConditions.Random(random, 6000 + islands.Count);
            if (islands.All(i => i.Island != candidate.Island)) islands.Add(candidate);
        }
        var renderer = new ChunkRenderer();
        var samples = new List<Sample>();
        foreach (var island in islands)
        {
            for (var chunk = 1; chunk <= chunks + 2; chunk++)
            {
                // The last two chunks of an island carry a fault: a knock-out, HV trip, hot or noisy channel... or no data.
                var fault = chunk <= chunks ? null : chunk == chunks + 2 && random.Next(3) == 0 ? new NoData() : FaultPicker.Pick(random, plot.Detector, null) ?? new NoData();
                var png = renderer.Render(island, chunk, seed, fault is null ? [] : [fault], [plot])[0].Png;
                samples.Add(new Sample(island.Island, chunk, fault is null, png));
            }
        }
        return samples;
    }

    private static Figures Measure(IImageEmbedder encoder, List<Sample> samples)
    {
        var started = Stopwatch.GetTimestamp();
        var vectors = encoder.Embed(samples.Select(s => s.Png).ToList());
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds / samples.Count;

        var good = samples.Select((s, i) => (s, i)).Where(x => x.s.Good).ToList();
        var unit = good.Select(x => Similarity.Normalized(vectors[x.i])).ToList();
        var islands = good.Select(x => x.s.Island).ToList();

        // Reference = the island's first Good chunk, as the automatic choice would pick a recent Good one.
        var goodSimilarities = new List<double>();
        var badSimilarities = new List<double>();
        foreach (var island in samples.GroupBy(s => s.Island))
        {
            var reference = vectors[samples.IndexOf(island.First(s => s.Good))];
            foreach (var sample in island.Skip(1))
            {
                var similarity = Similarity.ZeroToOne(vectors[samples.IndexOf(sample)], reference);
                (sample.Good ? goodSimilarities : badSimilarities).Add(similarity);
            }
        }
        var auc = goodSimilarities.Sum(g => badSimilarities.Sum(b => g > b ? 1.0 : g == b ? 0.5 : 0)) / (goodSimilarities.Count * badSimilarities.Count);
        return new Figures(vectors[0].Length, ClusterQuality.Silhouette(unit, islands), ClusterQuality.NearestNeighbourAccuracy(unit, islands),
            goodSimilarities.Average(), badSimilarities.Average(), auc, ms);
    }
}
