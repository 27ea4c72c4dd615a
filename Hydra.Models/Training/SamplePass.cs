namespace Hydra.Models.Training;

/// <summary>
/// One image through the network and back. Everything here is sequential and reads only the
/// parameters, the image and its own workspace, so an image's gradient is the same bits whichever
/// thread computes it.
/// </summary>
internal static class SamplePass
{
    /// <summary>Fills the workspace's activations and <see cref="SampleWorkspace.Logits"/>.</summary>
    public static void Forward(NetworkLayout layout, ReadOnlySpan<float> parameters, ReadOnlySpan<float> image, SampleWorkspace work)
    {
        for (var b = 0; b < layout.Blocks.Count; b++)
        {
            var shape = layout.Blocks[b];
            var input = BlockInput(image, work, b);
            var activations = work.Activations[b].AsSpan();
            for (var firstRow = 0; firstRow < shape.ConvHeight; firstRow += shape.BandRows)
            {
                var (start, count) = Band(shape, firstRow);
                var columns = work.Columns.AsSpan(0, shape.ColumnRows * count);
                Im2Col.Fill(input, shape, firstRow, count / shape.ConvWidth, columns);
                ConvLayer.Forward(layout.Weights(parameters, b), layout.Bias(parameters, b), columns, shape, start, count, activations);
                // While the band is still in cache.
                for (var o = 0; o < shape.OutChannels; o++) Relu.Forward(activations.Slice(o * shape.Positions + start, count));
            }
            if (shape.MaxPool) MaxPool2.Forward(activations, shape, work.Outputs[b], work.Winners[b]);
        }
        CamHeadLayer.Forward(work.Outputs[^1], layout.HeadWeights(parameters), layout.ClassBias(parameters), layout.FeatureArea, layout.Pooling,
            work.Averages, work.ClassMaps, work.Maxima, work.Logits);
    }

    /// <summary>
    /// After <see cref="Forward"/> of the same image: returns its loss and writes (not adds) its
    /// gradient, times <paramref name="scale"/>, for every parameter.
    /// </summary>
    public static double Backward(NetworkLayout layout, ReadOnlySpan<float> parameters, ReadOnlySpan<float> image, int label, float scale,
        SampleWorkspace work, Span<float> gradient)
    {
        var loss = SoftmaxCrossEntropy.LossAndGradient(work.Logits, label, scale, work.LogitGradients);
        CamHeadLayer.Backward(work.LogitGradients, layout.HeadWeights(parameters), work.Averages, work.Outputs[^1], layout.FeatureArea, layout.Pooling,
            work.Maxima, layout.HeadWeights(gradient), layout.ClassBias(gradient), work.AverageGradients, work.OutputGradients[^1]);

        for (var b = layout.Blocks.Count - 1; b >= 0; b--)
        {
            var shape = layout.Blocks[b];
            var input = BlockInput(image, work, b);
            var activations = work.Activations[b];
            var dz = work.ActivationGradients[b].AsSpan();
            var weightGradient = layout.Weights(gradient, b);
            // The first block's input is the image: nothing to pass its gradient to.
            var inputGradient = b > 0 ? work.OutputGradients[b - 1].AsSpan() : [];
            if (shape.MaxPool) MaxPool2.Backward(work.OutputGradients[b], work.Winners[b], dz);
            weightGradient.Clear();
            inputGradient.Clear();
            for (var firstRow = 0; firstRow < shape.ConvHeight; firstRow += shape.BandRows)
            {
                var (start, count) = Band(shape, firstRow);
                var columns = work.Columns.AsSpan(0, shape.ColumnRows * count);
                for (var o = 0; o < shape.OutChannels; o++)
                {
                    var slice = o * shape.Positions + start;
                    Relu.Backward(activations.AsSpan(slice, count), dz.Slice(slice, count));
                }
                Im2Col.Fill(input, shape, firstRow, count / shape.ConvWidth, columns);
                ConvLayer.AddWeightGradients(dz, columns, shape, start, count, weightGradient);
                if (b == 0) continue;
                var columnGradients = work.ColumnGradients.AsSpan(0, columns.Length);
                ConvLayer.ColumnGradients(layout.Weights(parameters, b), dz, shape, start, count, columnGradients);
                Im2Col.Fold(columnGradients, shape, firstRow, count / shape.ConvWidth, inputGradient);
            }
            ConvLayer.BiasGradients(dz, shape, layout.Bias(gradient, b));
        }
        return loss;
    }

    private static ReadOnlySpan<float> BlockInput(ReadOnlySpan<float> image, SampleWorkspace work, int block) =>
        block == 0 ? image : work.Outputs[block - 1];

    /// <summary>The output positions [start, start + count) of the band of rows starting at <paramref name="firstRow"/>.</summary>
    private static (int Start, int Count) Band(BlockShape shape, int firstRow) =>
        (firstRow * shape.ConvWidth, Math.Min(shape.BandRows, shape.ConvHeight - firstRow) * shape.ConvWidth);
}
