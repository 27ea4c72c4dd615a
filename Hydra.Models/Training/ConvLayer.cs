using System.Numerics.Tensors;

namespace Hydra.Models.Training;

/// <summary>
/// A convolution as a matrix product, one band of output positions [start, start + count) at a
/// time: output [O, P] = W [O, K] x columns [K, P] + bias, where a band's columns come from
/// <see cref="Im2Col"/>. Inner loops are TensorPrimitives calls over a band's rows (axpy and dot
/// products), which vectorise; a band is small enough to stay in cache while every output
/// channel reads it.
/// </summary>
internal static class ConvLayer
{
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> columns,
        BlockShape shape, int start, int count, Span<float> output)
    {
        var rows = shape.ColumnRows;
        for (var o = 0; o < shape.OutChannels; o++)
        {
            var z = output.Slice(o * shape.Positions + start, count);
            z.Fill(bias[o]);
            for (var k = 0; k < rows; k++)
                TensorPrimitives.MultiplyAdd(columns.Slice(k * count, count), weights[o * rows + k], z, z);
        }
    }

    /// <summary>dW [O, K] += dZ [O, band] x columnsᵀ.</summary>
    public static void AddWeightGradients(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> columns,
        BlockShape shape, int start, int count, Span<float> weightGradient)
    {
        var rows = shape.ColumnRows;
        for (var o = 0; o < shape.OutChannels; o++)
        {
            var dz = outputGradient.Slice(o * shape.Positions + start, count);
            for (var k = 0; k < rows; k++)
                weightGradient[o * rows + k] += TensorPrimitives.Dot(dz, columns.Slice(k * count, count));
        }
    }

    /// <summary>db = the row sums of dZ [O, P], written (not added).</summary>
    public static void BiasGradients(ReadOnlySpan<float> outputGradient, BlockShape shape, Span<float> biasGradient)
    {
        for (var o = 0; o < shape.OutChannels; o++)
            biasGradient[o] = TensorPrimitives.Sum(outputGradient.Slice(o * shape.Positions, shape.Positions));
    }

    /// <summary>dColumns [K, band] = Wᵀ [K, O] x dZ [O, band], the gradient to fold back onto the block's input.</summary>
    public static void ColumnGradients(ReadOnlySpan<float> weights, ReadOnlySpan<float> outputGradient,
        BlockShape shape, int start, int count, Span<float> columnGradient)
    {
        var rows = shape.ColumnRows;
        for (var k = 0; k < rows; k++)
        {
            var dc = columnGradient.Slice(k * count, count);
            dc.Clear();
            for (var o = 0; o < shape.OutChannels; o++)
                TensorPrimitives.MultiplyAdd(outputGradient.Slice(o * shape.Positions + start, count), weights[o * rows + k], dc, dc);
        }
    }
}
