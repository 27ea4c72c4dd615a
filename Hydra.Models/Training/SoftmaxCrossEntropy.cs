namespace Hydra.Models.Training;

/// <summary>
/// −log softmax(logits)[label], with its gradient softmax − one-hot. Computed in double through
/// log-sum-exp, so neither large logits nor a near-certain wrong answer overflow or give log(0).
/// </summary>
internal static class SoftmaxCrossEntropy
{
    public static double Loss(ReadOnlySpan<float> logits, int label) => LogSumExp(logits) - logits[label];

    /// <summary>The loss, and its gradient times <paramref name="scale"/> (1 / batch size for a mean loss).</summary>
    public static double LossAndGradient(ReadOnlySpan<float> logits, int label, float scale, Span<float> gradient)
    {
        var logSum = LogSumExp(logits);
        for (var k = 0; k < logits.Length; k++)
            gradient[k] = (float)((Math.Exp(logits[k] - logSum) - (k == label ? 1 : 0)) * scale);
        return logSum - logits[label];
    }

    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var logSum = LogSumExp(logits);
        for (var k = 0; k < logits.Length; k++) probabilities[k] = (float)Math.Exp(logits[k] - logSum);
    }

    private static double LogSumExp(ReadOnlySpan<float> logits)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (var z in logits) max = Math.Max(max, z);
        foreach (var z in logits) sum += Math.Exp(z - max);
        return max + Math.Log(sum);
    }
}
