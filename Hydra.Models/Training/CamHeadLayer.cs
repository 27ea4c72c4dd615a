using System.Numerics.Tensors;
using Hydra.Models.Networks;

namespace Hydra.Models.Training;

/// <summary>
/// The CAM head trained as what it equals: logits = W [K, F] x GAP(features) + class bias (see
/// <see cref="Networks.CamHead"/>). Averaging first costs F x h x w instead of K x F x h x w, and
/// the gradient of each feature map is the same value, its averaged gradient / (h x w), everywhere.
/// A mean-and-max head (<see cref="CamPooling.MeanAndMax"/>) also builds the K class maps, adds
/// each one's maximum, and sends that term's gradient to the one position where the map peaks.
/// </summary>
internal static class CamHeadLayer
{
    public static void Forward(ReadOnlySpan<float> features, ReadOnlySpan<float> weights, ReadOnlySpan<float> classBias,
        int area, CamPooling pooling, Span<float> averages, Span<float> classMaps, Span<int> maxima, Span<float> logits)
    {
        var count = averages.Length;
        for (var f = 0; f < count; f++)
            averages[f] = TensorPrimitives.Sum(features.Slice(f * area, area)) / area;
        for (var k = 0; k < logits.Length; k++)
            logits[k] = classBias[k] + TensorPrimitives.Dot(weights.Slice(k * count, count), averages);
        if (pooling != CamPooling.MeanAndMax) return;

        for (var k = 0; k < logits.Length; k++)
        {
            var map = classMaps.Slice(k * area, area);
            map.Clear();
            for (var f = 0; f < count; f++)
                TensorPrimitives.MultiplyAdd(features.Slice(f * area, area), weights[k * count + f], map, map);
            maxima[k] = TensorPrimitives.IndexOfMax(map);
            logits[k] += map[maxima[k]];
        }
    }

    /// <summary>Writes the head's gradients and the gradient of every feature map from the logits' gradient.</summary>
    public static void Backward(ReadOnlySpan<float> logitGradient, ReadOnlySpan<float> weights, ReadOnlySpan<float> averages,
        ReadOnlySpan<float> features, int area, CamPooling pooling, ReadOnlySpan<int> maxima,
        Span<float> weightGradient, Span<float> classBiasGradient, Span<float> averageGradient, Span<float> featureGradient)
    {
        var count = averages.Length;
        averageGradient.Clear();
        for (var k = 0; k < logitGradient.Length; k++)
        {
            TensorPrimitives.Multiply(averages, logitGradient[k], weightGradient.Slice(k * count, count));
            TensorPrimitives.MultiplyAdd(weights.Slice(k * count, count), logitGradient[k], averageGradient, averageGradient);
        }
        logitGradient.CopyTo(classBiasGradient);
        for (var f = 0; f < count; f++)
            featureGradient.Slice(f * area, area).Fill(averageGradient[f] / area);
        if (pooling != CamPooling.MeanAndMax) return;

        for (var k = 0; k < logitGradient.Length; k++)
        {
            var (g, at) = (logitGradient[k], maxima[k]);
            for (var f = 0; f < count; f++)
            {
                weightGradient[k * count + f] += g * features[f * area + at];
                featureGradient[f * area + at] += weights[k * count + f] * g;
            }
        }
    }
}
