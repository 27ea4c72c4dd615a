namespace Hydra.Models.Training;

/// <summary>
/// 2 x 2 max-pool with stride 2 (floor mode, like <see cref="Networks.ReferenceOps"/>), remembering
/// which input won each window so the gradient goes back to it alone. Ties go to the first in
/// reading order.
/// </summary>
internal static class MaxPool2
{
    public static void Forward(ReadOnlySpan<float> input, BlockShape shape, Span<float> output, Span<int> winners)
    {
        int inWidth = shape.ConvWidth, inArea = shape.Positions, index = 0;
        for (var c = 0; c < shape.OutChannels; c++)
        for (var y = 0; y < shape.OutHeight; y++)
        for (var x = 0; x < shape.OutWidth; x++, index++)
        {
            var topLeft = c * inArea + 2 * y * inWidth + 2 * x;
            var best = topLeft;
            if (input[topLeft + 1] > input[best]) best = topLeft + 1;
            if (input[topLeft + inWidth] > input[best]) best = topLeft + inWidth;
            if (input[topLeft + inWidth + 1] > input[best]) best = topLeft + inWidth + 1;
            output[index] = input[best];
            winners[index] = best;
        }
    }

    /// <summary>Routes each window's gradient to its winner; <paramref name="inputGradient"/> is cleared first.</summary>
    public static void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> winners, Span<float> inputGradient)
    {
        inputGradient.Clear();
        for (var i = 0; i < outputGradient.Length; i++) inputGradient[winners[i]] += outputGradient[i];
    }
}
