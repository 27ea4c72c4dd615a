using System.Numerics.Tensors;

namespace Hydra.Models.Training;

/// <summary>
/// A convolution as a matrix product over the im2col matrix: output [O, P] = W [O, K] x columns
/// [K, P] + bias. Inner loops are TensorPrimitives calls over long rows (axpy and dot products),
/// which vectorise; the forward pass works on tiles of positions so a tile of every column row
/// stays in cache while each output row accumulates.
/// </summary>
internal static class ConvLayer
{
    private const int Tile = 512;

    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> columns, Span<float> output, BlockShape shape)
    {
        int rows = shape.ColumnRows, positions = shape.Positions;
        for (var start = 0; start < positions; start += Tile)
        {
            var length = Math.Min(Tile, positions - start);
            for (var o = 0; o < shape.OutChannels; o++)
            {
                var z = output.Slice(o * positions + start, length);
                z.Fill(bias[o]);
                for (var k = 0; k < rows; k++)
                    TensorPrimitives.MultiplyAdd(columns.Slice(k * positions + start, length), weights[o * rows + k], z, z);
            }
        }
    }

    /// <summary>dW [O, K] = dZ [O, P] x columnsᵀ and db = the row sums of dZ, written (not added).</summary>
    public static void ParameterGradients(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> columns, BlockShape shape,
        Span<float> weightGradient, Span<float> biasGradient)
    {
        int rows = shape.ColumnRows, positions = shape.Positions;
        for (var o = 0; o < shape.OutChannels; o++)
        {
            var dz = outputGradient.Slice(o * positions, positions);
            biasGradient[o] = TensorPrimitives.Sum(dz);
            for (var k = 0; k < rows; k++)
                weightGradient[o * rows + k] = TensorPrimitives.Dot(dz, columns.Slice(k * positions, positions));
        }
    }

    /// <summary>dColumns [K, P] = Wᵀ [K, O] x dZ [O, P], the gradient to fold back onto the block's input.</summary>
    public static void ColumnGradients(ReadOnlySpan<float> weights, ReadOnlySpan<float> outputGradient, BlockShape shape, Span<float> columnGradient)
    {
        int rows = shape.ColumnRows, positions = shape.Positions;
        for (var start = 0; start < positions; start += Tile)
        {
            var length = Math.Min(Tile, positions - start);
            for (var k = 0; k < rows; k++)
            {
                var dc = columnGradient.Slice(k * positions + start, length);
                dc.Clear();
                for (var o = 0; o < shape.OutChannels; o++)
                    TensorPrimitives.MultiplyAdd(outputGradient.Slice(o * positions + start, length), weights[o * rows + k], dc, dc);
            }
        }
    }
}
