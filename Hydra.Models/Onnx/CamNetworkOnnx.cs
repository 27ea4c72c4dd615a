using Google.Protobuf;
using Hydra.Models.Networks;
using Onnx;
using static Hydra.Models.Onnx.OnnxProtos;

namespace Hydra.Models.Onnx;

/// <summary>
/// Writes a <see cref="CamNetwork"/> as an ONNX model that meets <see cref="CamContract"/>, with
/// standard operators only (Sub, Conv, Relu, MaxPool, GlobalAveragePool, GlobalMaxPool, Flatten, Add, Softmax) so any
/// ONNX runtime, or Netron, can read it.
/// </summary>
public static class CamNetworkOnnx
{
    /// <summary>IR version 7 (ONNX 1.8): old enough for every current runtime, new enough that initializers need not be graph inputs.</summary>
    public const long IrVersion = 7;

    /// <summary>Opset 13: Softmax normalises over one axis (older opsets flattened from the axis on).</summary>
    public const long Opset = 13;

    public static byte[] Export(CamNetwork network) => ToModel(network).ToByteArray();

    public static ModelProto ToModel(CamNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = new GraphProto { Name = "hydra_cam_network" };
        var input = network.Input;
        graph.Input.Add(FloatValue(CamContract.InputName, CamContract.BatchDimension, input.Channels, input.Height, input.Width));

        var x = CamContract.InputName;
        if (network.InputReference is { } reference)
        {
            // A constant [1, C, H, W] image, broadcast over the batch (ADR-009).
            graph.Initializer.Add(FloatTensor("input.reference", [1, input.Channels, input.Height, input.Width], reference));
            graph.Node.Add(Node("Sub", "input.relative", [x, "input.reference"], "input.relative"));
            x = "input.relative";
        }
        for (var i = 0; i < network.Blocks.Count; i++)
        {
            var block = network.Blocks[i];
            string weight = $"block{i}.weight", bias = $"block{i}.bias";
            graph.Initializer.Add(FloatTensor(weight, [block.OutChannels, block.InChannels, block.KernelSize, block.KernelSize], block.Weights));
            graph.Initializer.Add(FloatTensor(bias, [block.OutChannels], block.Bias));
            graph.Node.Add(Node("Conv", $"block{i}.conv", [x, weight, bias], $"block{i}.conv",
                Ints("kernel_shape", block.KernelSize, block.KernelSize),
                Ints("pads", block.Padding, block.Padding, block.Padding, block.Padding),
                Ints("strides", block.Stride, block.Stride)));
            graph.Node.Add(Node("Relu", $"block{i}.relu", [$"block{i}.conv"], $"block{i}.relu"));
            x = $"block{i}.relu";
            if (block.MaxPool)
            {
                graph.Node.Add(Node("MaxPool", $"block{i}.pool", [x], $"block{i}.pool",
                    Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
                x = $"block{i}.pool";
            }
        }

        // The CAM head: a bias-free 1 x 1 convolution gives the maps; their averages plus a class
        // bias are the logits (see CamHead for why this equals GAP + linear).
        var head = network.Head;
        graph.Initializer.Add(FloatTensor("head.weight", [head.Classes, head.Features, 1, 1], head.Weights));
        graph.Initializer.Add(FloatTensor("head.class_bias", [head.Classes], head.ClassBias));
        graph.Node.Add(Node("Conv", "head.cam", [x, "head.weight"], CamContract.CamName, Ints("kernel_shape", 1, 1)));
        graph.Node.Add(Node("GlobalAveragePool", "head.gap", [CamContract.CamName], "head.gap"));
        graph.Node.Add(Node("Flatten", "head.flatten", ["head.gap"], "head.average", Int("axis", 1)));
        var pooled = "head.average";
        if (head.Pooling == CamPooling.MeanAndMax)
        {
            graph.Node.Add(Node("GlobalMaxPool", "head.gmp", [CamContract.CamName], "head.gmp"));
            graph.Node.Add(Node("Flatten", "head.flatten_max", ["head.gmp"], "head.maximum", Int("axis", 1)));
            graph.Node.Add(Node("Add", "head.mean_and_max", ["head.average", "head.maximum"], "head.mean_and_max"));
            pooled = "head.mean_and_max";
        }
        graph.Node.Add(Node("Add", "head.logits", [pooled, "head.class_bias"], "logits"));
        graph.Node.Add(Node("Softmax", "head.softmax", ["logits"], CamContract.ProbabilitiesName, Int("axis", 1)));

        graph.Output.Add(FloatValue(CamContract.ProbabilitiesName, CamContract.BatchDimension, head.Classes));
        graph.Output.Add(FloatValue(CamContract.CamName, CamContract.BatchDimension, head.Classes, network.CamHeight, network.CamWidth));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Hydra.Models",
            ProducerVersion = CamContract.Version,
            DocString = $"Hydra plot classifier ({string.Join(", ", network.Labels)}): image [N, {input}] pixels / 255 -> probabilities [N, K], cam [N, K, h, w].",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = CamContract.LabelsKey, Value = string.Join(CamContract.LabelSeparator, network.Labels) });
        model.MetadataProps.Add(new StringStringEntryProto { Key = CamContract.ContractKey, Value = CamContract.Version });
        return model;
    }
}
