using Hydra.Models.Networks;

namespace Hydra.Models.Training;

/// <summary>
/// Where each parameter of a <see cref="CamNetwork"/> lives in one flat vector (block weights and
/// bias in order, then the head's weights and class bias), so optimizers, gradients and snapshots
/// of the best epoch are plain arrays of one length.
/// </summary>
internal sealed class NetworkLayout
{
    private readonly int[] weightOffsets;
    private readonly int[] biasOffsets;
    private readonly int headWeightOffset;
    private readonly int classBiasOffset;

    public NetworkLayout(CamNetwork network)
    {
        if (network.Blocks.Count == 0)
            throw new ArgumentException("The trainer needs at least one conv block before the CAM head.", nameof(network));
        var shapes = new BlockShape[network.Blocks.Count];
        weightOffsets = new int[shapes.Length];
        biasOffsets = new int[shapes.Length];
        int channels = network.Input.Channels, height = network.Input.Height, width = network.Input.Width, offset = 0;
        for (var i = 0; i < shapes.Length; i++)
        {
            var block = network.Blocks[i];
            var shape = new BlockShape(channels, height, width, block.OutChannels, block.KernelSize, block.Stride, block.Padding, block.MaxPool);
            shapes[i] = shape;
            weightOffsets[i] = offset;
            offset += shape.WeightCount;
            biasOffsets[i] = offset;
            offset += shape.OutChannels;
            (channels, height, width) = (shape.OutChannels, shape.OutHeight, shape.OutWidth);
        }
        Blocks = shapes;
        Features = network.Head.Features;
        Classes = network.Head.Classes;
        Pooling = network.Head.Pooling;
        FeatureArea = height * width;
        InputLength = network.Input.Length;
        InputReference = network.InputReference;
        headWeightOffset = offset;
        classBiasOffset = offset + Classes * Features;
        Count = classBiasOffset + Classes;
    }

    public IReadOnlyList<BlockShape> Blocks { get; }
    public int Features { get; }
    public int Classes { get; }
    public CamPooling Pooling { get; }

    /// <summary>h x w of the last feature maps (the CAM's size).</summary>
    public int FeatureArea { get; }

    public int InputLength { get; }

    /// <summary>The network's constant input reference (not a parameter), or null.</summary>
    public float[]? InputReference { get; }

    /// <summary>Every parameter of the network.</summary>
    public int Count { get; }

    public Span<float> Weights(Span<float> parameters, int block) => parameters.Slice(weightOffsets[block], Blocks[block].WeightCount);
    public ReadOnlySpan<float> Weights(ReadOnlySpan<float> parameters, int block) => parameters.Slice(weightOffsets[block], Blocks[block].WeightCount);
    public Span<float> Bias(Span<float> parameters, int block) => parameters.Slice(biasOffsets[block], Blocks[block].OutChannels);
    public ReadOnlySpan<float> Bias(ReadOnlySpan<float> parameters, int block) => parameters.Slice(biasOffsets[block], Blocks[block].OutChannels);
    public Span<float> HeadWeights(Span<float> parameters) => parameters.Slice(headWeightOffset, Classes * Features);
    public ReadOnlySpan<float> HeadWeights(ReadOnlySpan<float> parameters) => parameters.Slice(headWeightOffset, Classes * Features);
    public Span<float> ClassBias(Span<float> parameters) => parameters.Slice(classBiasOffset, Classes);
    public ReadOnlySpan<float> ClassBias(ReadOnlySpan<float> parameters) => parameters.Slice(classBiasOffset, Classes);

    /// <summary>A copy of the network's parameters: training never writes into a parent's arrays.</summary>
    public float[] Flatten(CamNetwork network)
    {
        var parameters = new float[Count];
        var target = parameters.AsSpan();
        for (var i = 0; i < Blocks.Count; i++)
        {
            network.Blocks[i].Weights.AsSpan().CopyTo(Weights(target, i));
            network.Blocks[i].Bias.AsSpan().CopyTo(Bias(target, i));
        }
        network.Head.Weights.AsSpan().CopyTo(HeadWeights(target));
        network.Head.ClassBias.AsSpan().CopyTo(ClassBias(target));
        return parameters;
    }

    /// <summary>A new network with <paramref name="template"/>'s architecture and labels and these parameters (copied).</summary>
    public CamNetwork ToNetwork(ReadOnlySpan<float> parameters, CamNetwork template)
    {
        var blocks = new ConvBlock[Blocks.Count];
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = template.Blocks[i];
            blocks[i] = new ConvBlock(block.InChannels, block.OutChannels, block.KernelSize,
                Weights(parameters, i).ToArray(), Bias(parameters, i).ToArray(), block.Stride, block.Padding, block.MaxPool);
        }
        var head = new CamHead(Features, Classes, HeadWeights(parameters).ToArray(), ClassBias(parameters).ToArray()) { Pooling = Pooling };
        return new CamNetwork(template.Input, blocks, head, template.Labels, template.InputReference);
    }
}
