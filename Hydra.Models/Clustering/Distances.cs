namespace Hydra.Models.Clustering;

/// <summary>Squared and plain Euclidean distances between embeddings.</summary>
public static class Distances
{
    public static double Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>All pairwise Euclidean distances; n x n doubles, fine for the few thousand points a page shows.</summary>
    public static double[,] Matrix(IReadOnlyList<float[]> points)
    {
        var n = points.Count;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                matrix[i, j] = matrix[j, i] = Math.Sqrt(Squared(points[i], points[j]));
            }
        }
        return matrix;
    }
}
