using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace Hydra.Models.Training;

/// <summary>
/// Runs a batch's images in parallel, one workspace per worker. Each image writes its gradient to
/// its own slot and the slots are summed in image order afterwards, so the batch gradient is the
/// same bits however the threads were scheduled: a seeded run is reproducible on any core count.
/// </summary>
internal sealed class BatchEngine(NetworkLayout layout, int maxDegreeOfParallelism)
{
    private readonly ConcurrentBag<SampleWorkspace> workspaces = [];
    private readonly ParallelOptions parallel = new() { MaxDegreeOfParallelism = maxDegreeOfParallelism };
    private float[][] sampleGradients = [];
    private double[] sampleLosses = [];

    public NetworkLayout Layout => layout;

    /// <summary>The batch's mean loss; <paramref name="gradient"/> receives the mean loss's gradient.</summary>
    public double Gradient(float[] parameters, IReadOnlyList<float[]> images, IReadOnlyList<int> labels, float[] gradient)
    {
        var count = images.Count;
        EnsureSlots(count);
        var scale = 1f / count;
        Run(count, (i, work) =>
        {
            var image = Input(images[i], work);
            SamplePass.Forward(layout, parameters, image, work);
            sampleLosses[i] = SamplePass.Backward(layout, parameters, image, labels[i], scale, work, sampleGradients[i]);
        });

        Array.Clear(gradient);
        double loss = 0;
        for (var i = 0; i < count; i++)
        {
            TensorPrimitives.Add(gradient, sampleGradients[i], gradient);
            loss += sampleLosses[i];
        }
        return loss / count;
    }

    /// <summary>Runs every image forward and hands its workspace (logits filled) to <paramref name="read"/>, in parallel.</summary>
    public void Forward(float[] parameters, IReadOnlyList<float[]> images, Action<int, SampleWorkspace> read) =>
        Run(images.Count, (i, work) =>
        {
            SamplePass.Forward(layout, parameters, Input(images[i], work), work);
            read(i, work);
        });

    /// <summary>Mean loss and the fraction of images whose most probable class is their label.</summary>
    public (double Loss, double Accuracy) Evaluate(float[] parameters, IReadOnlyList<float[]> images, IReadOnlyList<int> labels)
    {
        var losses = new double[images.Count];
        var correct = new bool[images.Count];
        Forward(parameters, images, (i, work) =>
        {
            losses[i] = SoftmaxCrossEntropy.Loss(work.Logits, labels[i]);
            correct[i] = TopClass(work.Logits) == labels[i];
        });
        double sum = 0;
        foreach (var loss in losses) sum += loss;
        return (sum / images.Count, (double)correct.Count(c => c) / images.Count);
    }

    /// <summary>The first class with the highest logit: the same rule as <see cref="Serving.PlotModel.Predict(float[], int)"/>.</summary>
    public static int TopClass(ReadOnlySpan<float> logits)
    {
        var top = 0;
        for (var k = 1; k < logits.Length; k++) if (logits[k] > logits[top]) top = k;
        return top;
    }

    /// <summary>What the first block reads: the image, or the image minus the network's input reference.</summary>
    private float[] Input(float[] image, SampleWorkspace work)
    {
        if (layout.InputReference is not { } reference) return image;
        TensorPrimitives.Subtract(image, reference, work.RelativeInput);
        return work.RelativeInput;
    }

    private void Run(int count, Action<int, SampleWorkspace> body) =>
        Parallel.For(0, count, parallel,
            () => workspaces.TryTake(out var work) ? work : new SampleWorkspace(layout),
            (i, _, work) =>
            {
                body(i, work);
                return work;
            },
            workspaces.Add);

    private void EnsureSlots(int count)
    {
        if (sampleGradients.Length >= count) return;
        sampleGradients = new float[count][];
        for (var i = 0; i < count; i++) sampleGradients[i] = new float[layout.Count];
        sampleLosses = new double[count];
    }
}
