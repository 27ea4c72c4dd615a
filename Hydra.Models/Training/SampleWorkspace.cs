namespace Hydra.Models.Training;

/// <summary>
/// Every buffer one image needs on its way forward and back, allocated once per worker and reused
/// for image after image. Without a pool, a block's output is its activations and the gradient of
/// its output is the gradient of its activations (the same arrays).
/// </summary>
internal sealed class SampleWorkspace
{
    public SampleWorkspace(NetworkLayout layout)
    {
        var count = layout.Blocks.Count;
        Columns = new float[count][];
        Activations = new float[count][];
        Outputs = new float[count][];
        Winners = new int[count][];
        ActivationGradients = new float[count][];
        OutputGradients = new float[count][];
        ColumnGradients = new float[count][];
        for (var b = 0; b < count; b++)
        {
            var shape = layout.Blocks[b];
            Columns[b] = new float[shape.ColumnRows * shape.Positions];
            Activations[b] = new float[shape.OutChannels * shape.Positions];
            ActivationGradients[b] = new float[shape.OutChannels * shape.Positions];
            Outputs[b] = shape.MaxPool ? new float[shape.OutLength] : Activations[b];
            OutputGradients[b] = shape.MaxPool ? new float[shape.OutLength] : ActivationGradients[b];
            Winners[b] = shape.MaxPool ? new int[shape.OutLength] : [];
            // The first block's input is the image: nothing to fold its gradient onto.
            ColumnGradients[b] = b > 0 ? new float[shape.ColumnRows * shape.Positions] : [];
        }
        Averages = new float[layout.Features];
        AverageGradients = new float[layout.Features];
        Logits = new float[layout.Classes];
        LogitGradients = new float[layout.Classes];
    }

    /// <summary>Per block: the im2col matrix [K, P] of its input.</summary>
    public float[][] Columns { get; }

    /// <summary>Per block: the convolution after ReLU [O, P].</summary>
    public float[][] Activations { get; }

    /// <summary>Per block: what the next block reads, pooled or not.</summary>
    public float[][] Outputs { get; }

    /// <summary>Per pooled block: the index in <see cref="Activations"/> that won each window.</summary>
    public int[][] Winners { get; }

    public float[][] ActivationGradients { get; }
    public float[][] OutputGradients { get; }
    public float[][] ColumnGradients { get; }

    /// <summary>The last feature maps averaged [F].</summary>
    public float[] Averages { get; }

    public float[] AverageGradients { get; }
    public float[] Logits { get; }
    public float[] LogitGradients { get; }
}
