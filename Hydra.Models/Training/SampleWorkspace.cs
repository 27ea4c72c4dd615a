namespace Hydra.Models.Training;

/// <summary>
/// Every buffer one image needs on its way forward and back, allocated once per worker and reused
/// for image after image. Without a pool, a block's output is its activations and the gradient of
/// its output is the gradient of its activations (the same arrays). The im2col matrix is never
/// held whole: one band at a time, rebuilt for the backward pass.
/// </summary>
internal sealed class SampleWorkspace
{
    public SampleWorkspace(NetworkLayout layout)
    {
        var count = layout.Blocks.Count;
        Activations = new float[count][];
        Outputs = new float[count][];
        Winners = new int[count][];
        ActivationGradients = new float[count][];
        OutputGradients = new float[count][];
        for (var b = 0; b < count; b++)
        {
            var shape = layout.Blocks[b];
            Activations[b] = new float[shape.OutChannels * shape.Positions];
            ActivationGradients[b] = new float[shape.OutChannels * shape.Positions];
            Outputs[b] = shape.MaxPool ? new float[shape.OutLength] : Activations[b];
            OutputGradients[b] = shape.MaxPool ? new float[shape.OutLength] : ActivationGradients[b];
            Winners[b] = shape.MaxPool ? new int[shape.OutLength] : [];
        }
        var band = layout.Blocks.Max(s => s.BandLength);
        Columns = new float[band];
        ColumnGradients = new float[band];
        Averages = new float[layout.Features];
        AverageGradients = new float[layout.Features];
        RelativeInput = layout.InputReference is null ? [] : new float[layout.InputLength];
        ClassMaps = layout.Pooling == Networks.CamPooling.MeanAndMax ? new float[layout.Classes * layout.FeatureArea] : [];
        Maxima = new int[layout.Classes];
        Logits = new float[layout.Classes];
        LogitGradients = new float[layout.Classes];
    }

    /// <summary>Per block: the convolution after ReLU [O, P].</summary>
    public float[][] Activations { get; }

    /// <summary>Per block: what the next block reads, pooled or not.</summary>
    public float[][] Outputs { get; }

    /// <summary>Per pooled block: the index in <see cref="Activations"/> that won each window.</summary>
    public int[][] Winners { get; }

    public float[][] ActivationGradients { get; }
    public float[][] OutputGradients { get; }

    /// <summary>One band of the im2col matrix [K, band positions], and its gradient.</summary>
    public float[] Columns { get; }

    public float[] ColumnGradients { get; }

    /// <summary>The last feature maps averaged [F].</summary>
    public float[] Averages { get; }

    public float[] AverageGradients { get; }
    /// <summary>The image minus the network's input reference, when it has one.</summary>
    public float[] RelativeInput { get; }

    /// <summary>For a mean-and-max head: the class activation maps [K, h x w], and where each peaks.</summary>
    public float[] ClassMaps { get; }

    public int[] Maxima { get; }

    public float[] Logits { get; }
    public float[] LogitGradients { get; }
}
