using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hydra.Models.Training;

/// <summary>
/// 2 x 2 max-pool with stride 2 (floor mode, like <see cref="Networks.ReferenceOps"/>), remembering
/// which input won each window so the gradient goes back to it alone. Ties go to the first in
/// reading order.
/// </summary>
internal static class MaxPool2
{
    private const int Lanes = 8;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Forward(ReadOnlySpan<float> input, BlockShape shape, Span<float> output, Span<int> winners)
    {
        int inWidth = shape.ConvWidth, inArea = shape.Positions, index = 0;
        // Eight windows at a time: a window's four comparisons are data-dependent branches, which
        // a CPU mispredicts about half the time on feature maps; with vectors they are selects.
        var vectors = Vector256.IsHardwareAccelerated ? shape.OutWidth / Lanes * Lanes : 0;
        for (var c = 0; c < shape.OutChannels; c++)
        for (var y = 0; y < shape.OutHeight; y++)
        {
            var rowStart = c * inArea + 2 * y * inWidth;
            var x = 0;
            for (; x < vectors; x += Lanes, index += Lanes)
                Forward8(input, rowStart + 2 * x, inWidth, output.Slice(index, Lanes), winners.Slice(index, Lanes));
            for (; x < shape.OutWidth; x++, index++)
            {
                var topLeft = rowStart + 2 * x;
                var best = topLeft;
                if (input[topLeft + 1] > input[best]) best = topLeft + 1;
                if (input[topLeft + inWidth] > input[best]) best = topLeft + inWidth;
                if (input[topLeft + inWidth + 1] > input[best]) best = topLeft + inWidth + 1;
                output[index] = input[best];
                winners[index] = best;
            }
        }
    }

    /// <summary>
    /// Eight neighbouring windows whose first top-left input is <paramref name="topLeft"/>: the same
    /// comparisons as the scalar loop, in the same order (a later input wins only if strictly
    /// greater, so a NaN or a tie never takes a window from an earlier input).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Forward8(ReadOnlySpan<float> input, int topLeft, int inWidth, Span<float> output, Span<int> winners)
    {
        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), topLeft);
        var (topLeftOf, topRightOf) = Deinterleave(ref start);
        var (bottomLeftOf, bottomRightOf) = Deinterleave(ref Unsafe.Add(ref start, inWidth));

        var best = topLeftOf;
        var offset = Vector256<int>.Zero;
        Take(topRightOf, Vector256.Create(1), ref best, ref offset);
        Take(bottomLeftOf, Vector256.Create(inWidth), ref best, ref offset);
        Take(bottomRightOf, Vector256.Create(inWidth + 1), ref best, ref offset);

        best.CopyTo(output);
        (Vector256.Create(topLeft) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14) + offset).CopyTo(winners);
    }

    private static void Take(Vector256<float> candidate, Vector256<int> candidateOffset, ref Vector256<float> best, ref Vector256<int> offset)
    {
        var greater = Vector256.GreaterThan(candidate, best);
        best = Vector256.ConditionalSelect(greater, candidate, best);
        offset = Vector256.ConditionalSelect(greater.AsInt32(), candidateOffset, offset);
    }

    /// <summary>Sixteen inputs from <paramref name="first"/> on, split into the even-placed and the odd-placed ones.</summary>
    private static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(ref float first)
    {
        var order = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        var low = Vector256.Shuffle(Vector256.LoadUnsafe(ref first), order);
        var high = Vector256.Shuffle(Vector256.LoadUnsafe(ref first, Lanes), order);
        return (Vector256.Create(low.GetLower(), high.GetLower()), Vector256.Create(low.GetUpper(), high.GetUpper()));
    }

    /// <summary>Routes each window's gradient to its winner; <paramref name="inputGradient"/> is cleared first.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> winners, Span<float> inputGradient)
    {
        inputGradient.Clear();
        for (var i = 0; i < outputGradient.Length; i++) inputGradient[winners[i]] += outputGradient[i];
    }
}
