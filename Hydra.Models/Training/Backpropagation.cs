using Hydra.Models.Networks;

namespace Hydra.Models.Training;

/// <summary>
/// The trainer's own forward and backward passes over a whole network, for one batch: what
/// <see cref="CamTrainer"/> runs on every mini-batch, open to checks against finite differences
/// and to comparisons with the served ONNX model.
/// </summary>
public static class Backpropagation
{
    /// <summary>The mean softmax cross-entropy over the images and its gradient for every parameter.</summary>
    /// <param name="images">One C x H x W tensor per image, as <see cref="Imaging.PlotImage.ToTensor(byte[], ImageShape)"/> makes them.</param>
    /// <param name="classes">Each image's class index into <see cref="CamNetwork.Labels"/>.</param>
    public static CamGradients Gradients(CamNetwork network, IReadOnlyList<float[]> images, IReadOnlyList<int> classes)
    {
        var (engine, parameters) = Prepare(network, images, classes);
        var gradient = new float[engine.Layout.Count];
        var loss = engine.Gradient(parameters, images, classes, gradient);

        var layout = engine.Layout;
        var blocks = Enumerable.Range(0, layout.Blocks.Count)
            .Select(b => new ConvGradient(layout.Weights(gradient, b).ToArray(), layout.Bias(gradient, b).ToArray()))
            .ToArray();
        return new CamGradients(loss, blocks, layout.HeadWeights(gradient).ToArray(), layout.ClassBias(gradient).ToArray());
    }

    /// <summary>The mean softmax cross-entropy over the images, computed exactly as the trainer's validation loss is.</summary>
    public static double Loss(CamNetwork network, IReadOnlyList<float[]> images, IReadOnlyList<int> classes)
    {
        var (engine, parameters) = Prepare(network, images, classes);
        return engine.Evaluate(parameters, images, classes).Loss;
    }

    /// <summary>Every class's probability for each image, [N, K] row-major, from the trainer's forward pass.</summary>
    public static float[] Probabilities(CamNetwork network, IReadOnlyList<float[]> images)
    {
        var (engine, parameters) = Prepare(network, images, classes: null);
        var classes = network.Classes;
        var probabilities = new float[images.Count * classes];
        engine.Forward(parameters, images, (i, work) =>
            SoftmaxCrossEntropy.Softmax(work.Logits, probabilities.AsSpan(i * classes, classes)));
        return probabilities;
    }

    private static (BatchEngine Engine, float[] Parameters) Prepare(CamNetwork network, IReadOnlyList<float[]> images, IReadOnlyList<int>? classes)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("No images.", nameof(images));
        for (var i = 0; i < images.Count; i++)
            if (images[i]?.Length != network.Input.Length)
                throw new ArgumentException($"Image {i} holds {images[i]?.Length ?? 0} floats; the network reads {network.Input} = {network.Input.Length}.", nameof(images));
        if (classes is not null)
        {
            if (classes.Count != images.Count)
                throw new ArgumentException($"{classes.Count} classes for {images.Count} images.", nameof(classes));
            foreach (var c in classes)
                if (c < 0 || c >= network.Classes)
                    throw new ArgumentOutOfRangeException(nameof(classes), c, $"A class index is 0 to {network.Classes - 1}.");
        }
        var layout = new NetworkLayout(network);
        return (new BatchEngine(layout, Environment.ProcessorCount), layout.Flatten(network));
    }
}
