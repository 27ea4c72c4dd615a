namespace Hydra.Models.Training;

/// <summary>One training image: its tensor from <see cref="Imaging.PlotImage.ToTensor(byte[], ImageShape)"/> and an expert's label.</summary>
public sealed record LabelledImage(float[] Tensor, string Label);

/// <summary>
/// A plot type's labelled images with their labels mapped to class indices in the order of
/// <see cref="Labels"/>, which becomes the network's output order. Every image must carry one of
/// the labels: a caller drops the labels it does not train on (e.g. Acceptable) before this.
/// </summary>
public sealed class TrainingData
{
    public TrainingData(ImageShape input, IReadOnlyList<string> labels, IReadOnlyList<LabelledImage> images)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(images);
        if (labels.Count < 2) throw new ArgumentException("A classifier needs at least two labels.", nameof(labels));
        var classOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < labels.Count; k++)
            if (!classOf.TryAdd(labels[k], k))
                throw new ArgumentException($"The label '{labels[k]}' appears twice.", nameof(labels));

        var tensors = new float[images.Count][];
        var classes = new int[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var (tensor, label) = images[i] ?? throw new ArgumentException($"Image {i} is null.", nameof(images));
            if (tensor?.Length != input.Length)
                throw new ArgumentException($"Image {i} holds {tensor?.Length ?? 0} floats; an image of {input} holds {input.Length}.", nameof(images));
            if (!classOf.TryGetValue(label, out classes[i]))
                throw new ArgumentException($"Image {i} is labelled '{label}', which is not one of {string.Join(", ", labels)}.", nameof(images));
            tensors[i] = tensor;
        }

        Input = input;
        Labels = labels.ToArray();
        Tensors = tensors;
        Classes = classes;
    }

    public ImageShape Input { get; }
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Each image's C x H x W tensor.</summary>
    public IReadOnlyList<float[]> Tensors { get; }

    /// <summary>Each image's class index into <see cref="Labels"/>.</summary>
    public IReadOnlyList<int> Classes { get; }

    public int Count => Tensors.Count;
}
