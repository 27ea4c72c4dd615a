namespace Hydra.Models.Clustering;

/// <summary>
/// Exact t-SNE (van der Maaten and Hinton, 2008) to 2-D: Gaussian neighbourhoods matched to a
/// perplexity by binary search, Student-t similarities in the map, gradient descent with early
/// exaggeration, momentum and per-coordinate gains. O(n²) per iteration, fine for the ~2,000
/// points a page shows; hand-written because no t-SNE package is served here (PLATFORM.md).
/// Seeded: the same points give the same map.
/// </summary>
public static class Tsne
{
    public static (float X, float Y)[] Embed(IReadOnlyList<float[]> points, double perplexity = 30, int iterations = 750, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        if (n == 0) return [];
        if (n == 1) return [(0f, 0f)];
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);

        var p = Affinities(points, Math.Clamp(perplexity, 1, Math.Max(1, (n - 1) / 3.0)));
        var random = new Random(seed);
        var y = new double[n * 2];
        for (var i = 0; i < y.Length; i++) y[i] = 1e-4 * Gaussian(random);
        var update = new double[n * 2];
        var gains = Enumerable.Repeat(1.0, n * 2).ToArray();
        var gradient = new double[n * 2];
        var numerators = new double[n * n];
        var learningRate = Math.Max(n / 12.0, 50);

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var exaggeration = iteration < 250 ? 12.0 : 1.0;
            var momentum = iteration < 250 ? 0.5 : 0.8;
            Gradient(p, y, numerators, gradient, n, exaggeration);
            for (var i = 0; i < y.Length; i++)
            {
                gains[i] = Math.Sign(gradient[i]) != Math.Sign(update[i]) ? gains[i] + 0.2 : Math.Max(gains[i] * 0.8, 0.01);
                update[i] = momentum * update[i] - learningRate * gains[i] * gradient[i];
                y[i] += update[i];
            }
            Centre(y, n);
        }
        return Enumerable.Range(0, n).Select(i => ((float)y[2 * i], (float)y[2 * i + 1])).ToArray();
    }

    /// <summary>Symmetric joint probabilities p_ij: each row's Gaussian width chosen so its entropy matches log(perplexity).</summary>
    private static double[] Affinities(IReadOnlyList<float[]> points, double perplexity)
    {
        var n = points.Count;
        var distances = new double[n * n];
        Parallel.For(0, n, i =>
        {
            for (var j = 0; j < n; j++) distances[i * n + j] = i == j ? 0 : Distances.Squared(points[i], points[j]);
        });
        var conditional = new double[n * n];
        var targetEntropy = Math.Log(perplexity);
        Parallel.For(0, n, i =>
        {
            double beta = 1, low = double.NegativeInfinity, high = double.PositiveInfinity;
            // Distances of high-dimensional embeddings are large; shift by the row's nearest so exp() does not underflow.
            var nearest = double.MaxValue;
            for (var j = 0; j < n; j++) if (j != i) nearest = Math.Min(nearest, distances[i * n + j]);
            for (var step = 0; step < 100; step++)
            {
                double sum = 0, weighted = 0;
                for (var j = 0; j < n; j++)
                {
                    if (j == i) { conditional[i * n + j] = 0; continue; }
                    var shifted = distances[i * n + j] - nearest;
                    var value = Math.Exp(-shifted * beta);
                    conditional[i * n + j] = value;
                    sum += value;
                    weighted += shifted * value;
                }
                var entropy = Math.Log(sum) + beta * weighted / sum;
                for (var j = 0; j < n; j++) conditional[i * n + j] /= sum;
                var difference = entropy - targetEntropy;
                if (Math.Abs(difference) < 1e-5) break;
                if (difference > 0)
                {
                    low = beta;
                    beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
                }
                else
                {
                    high = beta;
                    beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
                }
            }
        });
        var joint = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) joint[i * n + j] = Math.Max((conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n), 1e-12);
        }
        return joint;
    }

    private static void Gradient(double[] p, double[] y, double[] numerators, double[] gradient, int n, double exaggeration)
    {
        var rowSums = new double[n];
        Parallel.For(0, n, i =>
        {
            double sum = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == i) { numerators[i * n + j] = 0; continue; }
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                var value = 1 / (1 + dx * dx + dy * dy);
                numerators[i * n + j] = value;
                sum += value;
            }
            rowSums[i] = sum;
        });
        var total = Math.Max(rowSums.Sum(), 1e-12);
        Parallel.For(0, n, i =>
        {
            double gx = 0, gy = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                var numerator = numerators[i * n + j];
                var force = (exaggeration * p[i * n + j] - Math.Max(numerator / total, 1e-12)) * numerator;
                gx += force * (y[2 * i] - y[2 * j]);
                gy += force * (y[2 * i + 1] - y[2 * j + 1]);
            }
            gradient[2 * i] = 4 * gx;
            gradient[2 * i + 1] = 4 * gy;
        });
    }

    private static void Centre(double[] y, int n)
    {
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += y[2 * i]; my += y[2 * i + 1]; }
        mx /= n;
        my /= n;
        for (var i = 0; i < n; i++) { y[2 * i] -= mx; y[2 * i + 1] -= my; }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
