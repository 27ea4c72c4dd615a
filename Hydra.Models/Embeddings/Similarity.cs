namespace Hydra.Models.Embeddings;

/// <summary>Comparing two embeddings: the Siamese head of the reference similarity (ADR-010).</summary>
public static class Similarity
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Embeddings of {a.Length} and {b.Length} values cannot be compared.", nameof(b));
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : dot / Math.Sqrt(aa * bb);
    }

    /// <summary>
    /// Cosine mapped to 0..1. Both encoders end in ReLU and an average, so their vectors have no
    /// negative values and the cosine already lies in 0..1; clamping (not (1 + cos) / 2) keeps the
    /// whole 0..1 range for what actually happens, so a half-empty plot reads clearly lower.
    /// </summary>
    public static float ZeroToOne(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => (float)Math.Clamp(Cosine(a, b), 0, 1);

    /// <summary>A copy scaled to unit length (all zeros stays all zeros), so Euclidean distance ranks as cosine does.</summary>
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        double norm = 0;
        foreach (var v in vector) norm += (double)v * v;
        var result = vector.ToArray();
        if (norm == 0) return result;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < result.Length; i++) result[i] *= scale;
        return result;
    }
}
