namespace Hydra.Models.Clustering;

/// <summary>
/// How well points group by a known label (e.g. the run-condition island), to compare encoders:
/// the mean silhouette and the leave-one-out k-nearest-neighbour accuracy, both on Euclidean
/// distance (give unit-length vectors to rank by cosine).
/// </summary>
public static class ClusterQuality
{
    /// <summary>
    /// Mean silhouette over all points: (b - a) / max(a, b) with a the mean distance to its own
    /// label's points and b to the nearest other label's. 1 = tight separate groups, 0 = overlapping.
    /// A point alone in its label counts 0, as in scikit-learn.
    /// </summary>
    public static double Silhouette(IReadOnlyList<float[]> points, IReadOnlyList<string> labels)
    {
        Check(points, labels);
        var distances = Distances.Matrix(points);
        var groups = labels.Distinct().ToArray();
        if (groups.Length < 2) return 0;
        double sum = 0;
        for (var i = 0; i < points.Count; i++)
        {
            double a = 0, b = double.MaxValue;
            foreach (var group in groups)
            {
                double total = 0;
                var count = 0;
                for (var j = 0; j < points.Count; j++)
                {
                    if (j == i || labels[j] != group) continue;
                    total += distances[i, j];
                    count++;
                }
                if (group == labels[i])
                {
                    if (count == 0) { a = double.NaN; break; }
                    a = total / count;
                }
                else if (count > 0)
                {
                    b = Math.Min(b, total / count);
                }
            }
            if (!double.IsNaN(a)) sum += Math.Max(a, b) == 0 ? 0 : (b - a) / Math.Max(a, b);
        }
        return sum / points.Count;
    }

    /// <summary>Share of points whose <paramref name="k"/> nearest other points vote for their own label (ties: the nearest wins).</summary>
    public static double NearestNeighbourAccuracy(IReadOnlyList<float[]> points, IReadOnlyList<string> labels, int k = 5)
    {
        Check(points, labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var distances = Distances.Matrix(points);
        var correct = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var nearest = Enumerable.Range(0, points.Count).Where(j => j != i).OrderBy(j => distances[i, j]).Take(k).ToList();
            var vote = nearest.GroupBy(j => labels[j])
                .OrderByDescending(g => g.Count()).ThenBy(g => nearest.IndexOf(g.First()))
                .First().Key;
            if (vote == labels[i]) correct++;
        }
        return (double)correct / points.Count;
    }

    private static void Check(IReadOnlyList<float[]> points, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Count != labels.Count) throw new ArgumentException($"{points.Count} points but {labels.Count} labels.", nameof(labels));
        if (points.Count < 2) throw new ArgumentException("Comparing groups needs at least two points.", nameof(points));
    }
}
