namespace Hydra.Models.Clustering;

/// <summary>A k-means partition: each point's cluster, the centroids and the summed squared distance to them.</summary>
public sealed record KMeansResult(int[] Assignments, float[][] Centroids, double Inertia);

/// <summary>
/// k-means with k-means++ seeding and several restarts, keeping the lowest inertia. Seeded, so the
/// same images give the same clusters (and colours on the page) every time. Hand-written: no
/// clustering package is served here (PLATFORM.md), and Lloyd's algorithm is short.
/// </summary>
public static class KMeans
{
    public static KMeansResult Fit(IReadOnlyList<float[]> points, int k, int seed = 0, int restarts = 8, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        if (points.Count < k) throw new ArgumentException($"{points.Count} points cannot form {k} clusters.", nameof(points));
        var dimensions = points[0].Length;
        if (points.Any(p => p.Length != dimensions)) throw new ArgumentException("Every point needs the same number of dimensions.", nameof(points));

        var random = new Random(seed);
        KMeansResult? best = null;
        for (var restart = 0; restart < restarts; restart++)
        {
            var result = Lloyd(points, PlusPlus(points, k, random), maxIterations);
            if (best is null || result.Inertia < best.Inertia) best = result;
        }
        return best!;
    }

    /// <summary>k-means++: each next centre drawn with probability proportional to its squared distance from the nearest chosen one.</summary>
    private static float[][] PlusPlus(IReadOnlyList<float[]> points, int k, Random random)
    {
        var centres = new List<float[]> { (float[])points[random.Next(points.Count)].Clone() };
        var nearest = points.Select(p => Distances.Squared(p, centres[0])).ToArray();
        while (centres.Count < k)
        {
            var total = nearest.Sum();
            var next = 0;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (double sum = 0; next < points.Count - 1; next++)
                {
                    sum += nearest[next];
                    if (sum >= target) break;
                }
            }
            else
            {
                next = random.Next(points.Count); // all points coincide with a centre
            }
            var centre = (float[])points[next].Clone();
            centres.Add(centre);
            for (var i = 0; i < points.Count; i++) nearest[i] = Math.Min(nearest[i], Distances.Squared(points[i], centre));
        }
        return [.. centres];
    }

    private static KMeansResult Lloyd(IReadOnlyList<float[]> points, float[][] centres, int maxIterations)
    {
        var k = centres.Length;
        var dimensions = points[0].Length;
        var assignments = new int[points.Count];
        Array.Fill(assignments, -1);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < points.Count; i++)
            {
                var cluster = Nearest(points[i], centres);
                if (cluster != assignments[i]) { assignments[i] = cluster; changed = true; }
            }
            if (!changed) break;

            var sums = new double[k, dimensions];
            var counts = new int[k];
            for (var i = 0; i < points.Count; i++)
            {
                counts[assignments[i]]++;
                for (var d = 0; d < dimensions; d++) sums[assignments[i], d] += points[i][d];
            }
            for (var c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    // An empty cluster takes the point farthest from its centre, so k clusters stay k.
                    var far = Enumerable.Range(0, points.Count).MaxBy(i => Distances.Squared(points[i], centres[assignments[i]]));
                    centres[c] = (float[])points[far].Clone();
                    assignments[far] = c;
                    continue;
                }
                for (var d = 0; d < dimensions; d++) centres[c][d] = (float)(sums[c, d] / counts[c]);
            }
        }
        var inertia = 0.0;
        for (var i = 0; i < points.Count; i++) inertia += Distances.Squared(points[i], centres[assignments[i]]);
        return new KMeansResult(assignments, centres, inertia);
    }

    private static int Nearest(float[] point, float[][] centres)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centres.Length; c++)
        {
            var distance = Distances.Squared(point, centres[c]);
            if (distance < bestDistance) { bestDistance = distance; best = c; }
        }
        return best;
    }
}
