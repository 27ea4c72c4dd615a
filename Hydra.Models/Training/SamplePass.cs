namespace Hydra.Models.Training;

/// <summary>
/// One image through the network and back. Everything here is sequential and reads only the
/// parameters and its own workspace, so an image's gradient is the same bits whichever thread
/// computes it.
/// </summary>
internal static class SamplePass
{
    /// <summary>Fills the workspace's activations and <see cref="SampleWorkspace.Logits"/>.</summary>
    public static void Forward(NetworkLayout layout, ReadOnlySpan<float> parameters, ReadOnlySpan<float> image, SampleWorkspace work)
    {
        var input = image;
        for (var b = 0; b < layout.Blocks.Count; b++)
        {
            var shape = layout.Blocks[b];
            Im2Col.Fill(input, shape, work.Columns[b]);
            ConvLayer.Forward(layout.Weights(parameters, b), layout.Bias(parameters, b), work.Columns[b], work.Activations[b], shape);
            Relu.Forward(work.Activations[b]);
            if (shape.MaxPool) MaxPool2.Forward(work.Activations[b], shape, work.Outputs[b], work.Winners[b]);
            input = work.Outputs[b];
        }
        CamHeadLayer.Forward(input, layout.HeadWeights(parameters), layout.ClassBias(parameters), layout.FeatureArea, work.Averages, work.Logits);
    }

    /// <summary>
    /// After <see cref="Forward"/>: returns the image's loss and writes (not adds) its gradient,
    /// times <paramref name="scale"/>, for every parameter.
    /// </summary>
    public static double Backward(NetworkLayout layout, ReadOnlySpan<float> parameters, int label, float scale, SampleWorkspace work, Span<float> gradient)
    {
        var loss = SoftmaxCrossEntropy.LossAndGradient(work.Logits, label, scale, work.LogitGradients);
        var last = layout.Blocks.Count - 1;
        CamHeadLayer.Backward(work.LogitGradients, layout.HeadWeights(parameters), work.Averages, layout.FeatureArea,
            layout.HeadWeights(gradient), layout.ClassBias(gradient), work.AverageGradients, work.OutputGradients[last]);

        for (var b = last; b >= 0; b--)
        {
            var shape = layout.Blocks[b];
            if (shape.MaxPool) MaxPool2.Backward(work.OutputGradients[b], work.Winners[b], work.ActivationGradients[b]);
            Relu.Backward(work.Activations[b], work.ActivationGradients[b]);
            ConvLayer.ParameterGradients(work.ActivationGradients[b], work.Columns[b], shape, layout.Weights(gradient, b), layout.Bias(gradient, b));
            if (b == 0) break;
            ConvLayer.ColumnGradients(layout.Weights(parameters, b), work.ActivationGradients[b], shape, work.ColumnGradients[b]);
            Im2Col.Fold(work.ColumnGradients[b], shape, work.OutputGradients[b - 1]);
        }
        return loss;
    }
}
