using Hydra.Models.Clustering;

namespace Hydra.Models.Tests;

/// <summary>k-means and t-SNE on generated blobs whose true groups are known.</summary>
public sealed class ClusteringTests
{
    /// <summary>Well-separated Gaussian blobs in <paramref name="dimensions"/>-D: centres 10 apart, spread 1.</summary>
    private static (List<float[]> Points, List<int> Blob) Blobs(int blobs, int perBlob, int dimensions, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, blobs).Select(_ => Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 40 - 20)).ToArray()).ToArray();
        var points = new List<float[]>();
        var blob = new List<int>();
        for (var b = 0; b < blobs; b++)
        {
            for (var i = 0; i < perBlob; i++)
            {
                points.Add(centres[b].Select(c => c + (float)Normal(random)).ToArray());
                blob.Add(b);
            }
        }
        return (points, blob);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void KMeans_recovers_well_separated_blobs()
    {
        var (points, blob) = Blobs(blobs: 4, perBlob: 40, dimensions: 8, seed: 1);

        var result = KMeans.Fit(points, k: 4, seed: 3);

        // Every blob lands in one cluster, and no two blobs share one: the partition is the truth up to renaming.
        var clusterOfBlob = Enumerable.Range(0, 4).Select(b => result.Assignments.Where((_, i) => blob[i] == b).Distinct().Single()).ToList();
        Assert.Equal(4, clusterOfBlob.Distinct().Count());
        Assert.Equal(4, result.Centroids.Length);
    }

    [Fact]
    public void KMeans_is_repeatable_with_a_seed_and_restarts_never_raise_the_inertia()
    {
        var (points, _) = Blobs(blobs: 5, perBlob: 20, dimensions: 6, seed: 2);

        var once = KMeans.Fit(points, k: 5, seed: 9, restarts: 1);
        var many = KMeans.Fit(points, k: 5, seed: 9, restarts: 10);
        var again = KMeans.Fit(points, k: 5, seed: 9, restarts: 10);

        Assert.True(many.Inertia <= once.Inertia);
        Assert.Equal(many.Assignments, again.Assignments);
    }

    [Fact]
    public void KMeans_refuses_more_clusters_than_points()
    {
        Assert.Throws<ArgumentException>(() => KMeans.Fit([[1f], [2f]], k: 3));
    }

    [Fact]
    public void Tsne_keeps_neighbours_together()
    {
        var (points, blob) = Blobs(blobs: 3, perBlob: 30, dimensions: 20, seed: 4);

        var map = Tsne.Embed(points, perplexity: 15, iterations: 500, seed: 1);

        Assert.Equal(points.Count, map.Length);
        Assert.All(map, p => Assert.True(float.IsFinite(p.X) && float.IsFinite(p.Y)));
        // In the 2-D map, a point's nearest point comes from its own blob.
        var kept = Enumerable.Range(0, map.Length).Count(i =>
        {
            var nearest = Enumerable.Range(0, map.Length).Where(j => j != i)
                .MinBy(j => Math.Pow(map[i].X - map[j].X, 2) + Math.Pow(map[i].Y - map[j].Y, 2));
            return blob[nearest] == blob[i];
        });
        Assert.True(kept >= map.Length * 0.95, $"only {kept} of {map.Length} points kept a neighbour from their blob");
        // And the blobs are apart: the silhouette of the map by blob is high.
        Assert.True(ClusterQuality.Silhouette(map.Select(p => new[] { p.X, p.Y }).ToList(), blob.Select(b => b.ToString()).ToList()) > 0.5);
    }

    [Fact]
    public void Silhouette_and_nearest_neighbours_score_separated_groups_high_and_mixed_ones_low()
    {
        var (points, blob) = Blobs(blobs: 3, perBlob: 15, dimensions: 5, seed: 6);
        var truth = blob.Select(b => b.ToString()).ToList();
        var order = new Random(8);
        var shuffled = truth.OrderBy(_ => order.Next()).ToList();

        Assert.True(ClusterQuality.Silhouette(points, truth) > 0.6);
        Assert.Equal(1.0, ClusterQuality.NearestNeighbourAccuracy(points, truth));
        Assert.True(ClusterQuality.Silhouette(points, shuffled) < 0.2);
    }
}
