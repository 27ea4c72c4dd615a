using System.Numerics.Tensors;

namespace Hydra.Models.Training;

/// <summary>
/// Unfolds a band of a convolution's output rows into a K x (rows x ConvWidth) matrix (row =
/// kernel input (c, ky, kx), column = output position) so the convolution becomes a matrix
/// product, and folds a gradient of that matrix back onto the input. Zero padding is the zeros
/// left in the matrix; stride picks every s-th input.
/// </summary>
internal static class Im2Col
{
    public static void Fill(ReadOnlySpan<float> input, BlockShape shape, int firstRow, int rows, Span<float> columns)
    {
        var (width, length, row) = (shape.ConvWidth, rows * shape.ConvWidth, 0);
        for (var c = 0; c < shape.InChannels; c++)
        for (var ky = 0; ky < shape.Kernel; ky++)
        for (var kx = 0; kx < shape.Kernel; kx++, row++)
        {
            var (first, end) = ValidRange(kx, shape.Padding, shape.Stride, shape.InWidth, width);
            var shift = kx - shape.Padding;
            for (var y = 0; y < rows; y++)
            {
                var line = columns.Slice(row * length + y * width, width);
                var sy = (firstRow + y) * shape.Stride + ky - shape.Padding;
                if (sy < 0 || sy >= shape.InHeight || first >= end)
                {
                    line.Clear();
                    continue;
                }
                var source = input.Slice((c * shape.InHeight + sy) * shape.InWidth, shape.InWidth);
                line[..first].Clear();
                line[end..].Clear();
                if (shape.Stride == 1)
                    source.Slice(first + shift, end - first).CopyTo(line[first..end]);
                else
                    for (var x = first; x < end; x++) line[x] = source[x * shape.Stride + shift];
            }
        }
    }

    /// <summary>Adds the gradient of a band's column matrix onto <paramref name="inputGradient"/>.</summary>
    public static void Fold(ReadOnlySpan<float> columnGradient, BlockShape shape, int firstRow, int rows, Span<float> inputGradient)
    {
        var (width, length, row) = (shape.ConvWidth, rows * shape.ConvWidth, 0);
        for (var c = 0; c < shape.InChannels; c++)
        for (var ky = 0; ky < shape.Kernel; ky++)
        for (var kx = 0; kx < shape.Kernel; kx++, row++)
        {
            var (first, end) = ValidRange(kx, shape.Padding, shape.Stride, shape.InWidth, width);
            if (first >= end) continue;
            var shift = kx - shape.Padding;
            for (var y = 0; y < rows; y++)
            {
                var sy = (firstRow + y) * shape.Stride + ky - shape.Padding;
                if (sy < 0 || sy >= shape.InHeight) continue;
                var line = columnGradient.Slice(row * length + y * width, width);
                var target = inputGradient.Slice((c * shape.InHeight + sy) * shape.InWidth, shape.InWidth);
                if (shape.Stride == 1)
                {
                    var span = target.Slice(first + shift, end - first);
                    TensorPrimitives.Add(span, line[first..end], span);
                }
                else
                {
                    for (var x = first; x < end; x++) target[x * shape.Stride + shift] += line[x];
                }
            }
        }
    }

    /// <summary>The output columns [first, end) whose input column x * stride + k - padding lies inside the image.</summary>
    private static (int First, int End) ValidRange(int k, int padding, int stride, int inputSize, int outputSize)
    {
        var first = 0;
        while (first < outputSize && first * stride + k - padding < 0) first++;
        var end = outputSize;
        while (end > first && (end - 1) * stride + k - padding >= inputSize) end--;
        return (first, end);
    }
}
