using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hydra.Models.Training;

internal static class Relu
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Forward(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    /// <summary>Keeps the gradient where the output was positive; the subgradient at 0 is 0, as PyTorch takes it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Backward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        // A mask, not a branch: whether a unit fired is close to a coin toss, which the CPU's
        // branch predictor cannot learn. "Not <= 0" keeps the gradient of a NaN output, as the branch did.
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var o = ref MemoryMarshal.GetReference(output);
            ref var g = ref MemoryMarshal.GetReference(gradient);
            for (; i + Vector256<float>.Count <= gradient.Length; i += Vector256<float>.Count)
            {
                var dead = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref o, (nuint)i), Vector256<float>.Zero);
                Vector256.AndNot(Vector256.LoadUnsafe(ref g, (nuint)i), dead).StoreUnsafe(ref g, (nuint)i);
            }
        }
        for (; i < gradient.Length; i++)
            if (output[i] <= 0f) gradient[i] = 0f;
    }
}
