using System.Numerics.Tensors;

namespace Hydra.Models.Training;

/// <summary>
/// The CAM head trained as what it equals: logits = W [K, F] x GAP(features) + class bias (see
/// <see cref="Networks.CamHead"/>). Averaging first costs F x h x w instead of K x F x h x w, and
/// the gradient of each feature map is the same value, its averaged gradient / (h x w), everywhere.
/// </summary>
internal static class CamHeadLayer
{
    public static void Forward(ReadOnlySpan<float> features, ReadOnlySpan<float> weights, ReadOnlySpan<float> classBias,
        int area, Span<float> averages, Span<float> logits)
    {
        for (var f = 0; f < averages.Length; f++)
            averages[f] = TensorPrimitives.Sum(features.Slice(f * area, area)) / area;
        for (var k = 0; k < logits.Length; k++)
            logits[k] = classBias[k] + TensorPrimitives.Dot(weights.Slice(k * averages.Length, averages.Length), averages);
    }

    /// <summary>Writes the head's gradients and the gradient of every feature map from the logits' gradient.</summary>
    public static void Backward(ReadOnlySpan<float> logitGradient, ReadOnlySpan<float> weights, ReadOnlySpan<float> averages, int area,
        Span<float> weightGradient, Span<float> classBiasGradient, Span<float> averageGradient, Span<float> featureGradient)
    {
        var features = averages.Length;
        averageGradient.Clear();
        for (var k = 0; k < logitGradient.Length; k++)
        {
            TensorPrimitives.Multiply(averages, logitGradient[k], weightGradient.Slice(k * features, features));
            TensorPrimitives.MultiplyAdd(weights.Slice(k * features, features), logitGradient[k], averageGradient, averageGradient);
        }
        logitGradient.CopyTo(classBiasGradient);
        for (var f = 0; f < features; f++)
            featureGradient.Slice(f * area, area).Fill(averageGradient[f] / area);
    }
}
