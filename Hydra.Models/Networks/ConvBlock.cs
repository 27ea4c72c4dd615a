namespace Hydra.Models.Networks;

/// <summary>
/// One feature-extracting stage: a convolution with bias, ReLU, then optionally a 2 x 2 max-pool
/// with stride 2. Weights are [out, in, k, k] row-major, the layout of ONNX's Conv and PyTorch's
/// Conv2d, so they can be copied between the three without reordering.
/// </summary>
public sealed record ConvBlock
{
    /// <param name="padding">Zero padding on every side; null means k / 2, which keeps the size for odd k and stride 1.</param>
    public ConvBlock(int inChannels, int outChannels, int kernelSize, float[] weights, float[] bias,
        int stride = 1, int? padding = null, bool maxPool = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        var pad = padding ?? kernelSize / 2;
        ArgumentOutOfRangeException.ThrowIfNegative(pad, nameof(padding));
        if (weights.Length != outChannels * inChannels * kernelSize * kernelSize)
            throw new ArgumentException(
                $"Conv weights hold {weights.Length} values, not {outChannels} x {inChannels} x {kernelSize} x {kernelSize}.", nameof(weights));
        if (bias.Length != outChannels)
            throw new ArgumentException($"Conv bias holds {bias.Length} values, not {outChannels}.", nameof(bias));

        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Weights = weights;
        Bias = bias;
        Stride = stride;
        Padding = pad;
        MaxPool = maxPool;
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int KernelSize { get; }

    /// <summary>[out, in, k, k], row-major.</summary>
    public float[] Weights { get; }

    /// <summary>[out].</summary>
    public float[] Bias { get; }

    public int Stride { get; }
    public int Padding { get; }
    public bool MaxPool { get; }

    /// <summary>
    /// The side of this block's output for an input side, or a non-positive number when the input
    /// is too small. Pooling floors odd sides, as ONNX MaxPool and PyTorch do by default.
    /// </summary>
    public int OutputSize(int inputSize)
    {
        if (inputSize + 2 * Padding < KernelSize) return 0;
        var convolved = (inputSize + 2 * Padding - KernelSize) / Stride + 1;
        return MaxPool ? convolved / 2 : convolved;
    }
}
