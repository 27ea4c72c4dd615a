using System.Numerics.Tensors;

namespace Hydra.Models.Training;

internal static class Relu
{
    public static void Forward(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    /// <summary>Keeps the gradient where the output was positive; the subgradient at 0 is 0, as PyTorch takes it.</summary>
    public static void Backward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        for (var i = 0; i < gradient.Length; i++)
            if (output[i] <= 0f) gradient[i] = 0f;
    }
}
