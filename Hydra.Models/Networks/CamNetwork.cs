using Hydra.Models.Serving;

namespace Hydra.Models.Networks;

/// <summary>
/// The parameters of one plot type's classifier: an optional constant input reference subtracted
/// from every image (ADR-009), conv blocks (conv, ReLU, optional 2 x 2 max-pool) and a
/// <see cref="CamHead"/>. This is what a trainer produces and <see cref="Onnx.CamNetworkOnnx"/>
/// writes; serving goes through ONNX Runtime, and <see cref="Forward"/> is the plain-loop
/// definition both are checked against.
/// </summary>
public sealed class CamNetwork
{
    /// <param name="inputReference">
    /// A C x H x W image subtracted from every input before the first block (e.g. the mean Good
    /// training image), or null for none. Not trained: a constant of the model, exported as a Sub.
    /// </param>
    public CamNetwork(ImageShape input, IReadOnlyList<ConvBlock> blocks, CamHead head, IReadOnlyList<string> labels, float[]? inputReference = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (inputReference is not null && inputReference.Length != input.Length)
            throw new ArgumentException($"The input reference holds {inputReference.Length} values, not {input} = {input.Length}.", nameof(inputReference));
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(labels);

        int channels = input.Channels, height = input.Height, width = input.Width;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.InChannels != channels)
                throw new ArgumentException($"Block {i} takes {block.InChannels} channels but receives {channels}.", nameof(blocks));
            channels = block.OutChannels;
            height = block.OutputSize(height);
            width = block.OutputSize(width);
            if (height < 1 || width < 1)
                throw new ArgumentException($"Block {i} leaves no pixels of a {input} input.", nameof(blocks));
        }
        if (head.Features != channels)
            throw new ArgumentException($"The head reads {head.Features} feature maps but the last block gives {channels}.", nameof(head));

        Labels = ValidLabels(labels, head.Classes);
        Input = input;
        Blocks = blocks.ToArray();
        Head = head;
        InputReference = inputReference;
        CamHeight = height;
        CamWidth = width;
    }

    public ImageShape Input { get; }
    public IReadOnlyList<ConvBlock> Blocks { get; }
    public CamHead Head { get; }

    /// <summary>C x H x W subtracted from every image before the first block, or null.</summary>
    public float[]? InputReference { get; }

    /// <summary>The same network reading its images relative to <paramref name="reference"/> (null for none).</summary>
    public CamNetwork WithInputReference(float[]? reference) => new(Input, Blocks, Head, Labels, reference);

    /// <summary>Class names in output order, e.g. Good, Bad, NoData.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int Classes => Head.Classes;

    /// <summary>The side lengths of the class activation maps: the input after every block.</summary>
    public int CamHeight { get; }
    public int CamWidth { get; }

    /// <summary>
    /// Runs a batch of N images, N x C x H x W floats (pixels / 255), through the network.
    /// </summary>
    public ForwardPass Forward(float[] batch, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (batch.Length != batchSize * Input.Length)
            throw new ArgumentException($"A batch of {batchSize} images of {Input} holds {batchSize * Input.Length} floats, not {batch.Length}.", nameof(batch));

        var maps = new FeatureMaps(batchSize, Input.Channels, Input.Height, Input.Width, batch);
        if (InputReference is not null) maps = ReferenceOps.Subtract(maps, InputReference);
        foreach (var block in Blocks)
        {
            maps = ReferenceOps.Relu(ReferenceOps.Conv(maps, block.Weights, block.Bias, block.OutChannels, block.KernelSize, block.Stride, block.Padding));
            if (block.MaxPool) maps = ReferenceOps.MaxPool2(maps);
        }

        // [K, F] is the layout of a [K, F, 1, 1] convolution kernel.
        var cam = ReferenceOps.Conv(maps, Head.Weights, bias: null, Classes, kernel: 1, stride: 1, padding: 0);
        var logits = ReferenceOps.GlobalAveragePool(cam);
        if (Head.Pooling == CamPooling.MeanAndMax)
        {
            var maxima = ReferenceOps.GlobalMaxPool(cam);
            for (var i = 0; i < logits.Length; i++) logits[i] += maxima[i];
        }
        for (var i = 0; i < logits.Length; i++) logits[i] += Head.ClassBias[i % Classes];
        var probabilities = ReferenceOps.Softmax(logits, batchSize, Classes);

        return new ForwardPass(maps, logits, new CamBatch(batchSize, Classes, cam.Height, cam.Width, probabilities, cam.Values));
    }

    /// <summary>
    /// A network with He-initialised weights, the same for the same arguments: for tests and as a
    /// trainer's starting point. Biases are small random numbers rather than zeros so that a test
    /// comparing two implementations also exercises every bias.
    /// </summary>
    /// <param name="blockChannels">Output channels of each conv block; default 8 then 16.</param>
    /// <param name="firstStride">The first block's stride (the others use 1).</param>
    public static CamNetwork CreateRandom(int seed, ImageShape input, IReadOnlyList<string> labels,
        IReadOnlyList<int>? blockChannels = null, int kernelSize = 3, bool maxPool = true, CamPooling pooling = CamPooling.Mean, int firstStride = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(labels);
        var random = new HeInitialization(seed);
        var blocks = new List<ConvBlock>();
        var channels = input.Channels;
        foreach (var outChannels in blockChannels ?? [8, 16])
        {
            var fanIn = channels * kernelSize * kernelSize;
            blocks.Add(new ConvBlock(channels, outChannels, kernelSize,
                random.Weights(outChannels * fanIn, fanIn), random.Biases(outChannels), stride: blocks.Count == 0 ? firstStride : 1, maxPool: maxPool));
            channels = outChannels;
        }
        var head = new CamHead(channels, labels.Count, random.Weights(labels.Count * channels, channels), random.Biases(labels.Count)) { Pooling = pooling };
        return new CamNetwork(input, blocks, head, labels);
    }

    private static string[] ValidLabels(IReadOnlyList<string> labels, int classes)
    {
        if (labels.Count != classes)
            throw new ArgumentException($"{labels.Count} labels for {classes} classes.", nameof(labels));
        foreach (var label in labels)
        {
            // Labels travel joined by commas in the model's metadata, so a name may not hold one.
            if (string.IsNullOrWhiteSpace(label) || label.Trim() != label || label.Contains(CamContract.LabelSeparator))
                throw new ArgumentException($"'{label}' is not a label: a non-empty name without commas or surrounding spaces.", nameof(labels));
        }
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
            throw new ArgumentException($"Labels repeat: {string.Join(", ", labels)}.", nameof(labels));
        return labels.ToArray();
    }
}
