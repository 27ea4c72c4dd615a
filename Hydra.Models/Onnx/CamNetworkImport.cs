using Google.Protobuf;
using Hydra.Models.Networks;
using Onnx;

namespace Hydra.Models.Onnx;

/// <summary>
/// Reads back a network <see cref="CamNetworkOnnx"/> wrote, weights and all, so a new version can
/// be fine-tuned from its parent as the original Hydra did. Only Hydra's own graphs can be read
/// this way: an imported classifier (e.g. from PyTorch) meets the serving contract but its layers
/// are its own, so a retrain starts from scratch.
/// </summary>
public static class CamNetworkImport
{
    /// <summary>The network in <paramref name="onnx"/>, or null and the reason when it is not a Hydra CAM network.</summary>
    public static CamNetwork? TryRead(byte[] onnx, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        try
        {
            var network = Read(ModelProto.Parser.ParseFrom(onnx));
            reason = null;
            return network;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            reason = e.Message;
            return null;
        }
    }

    private static CamNetwork Read(ModelProto model)
    {
        if (model.ProducerName != "Hydra.Models") throw new FormatException($"made by '{model.ProducerName}', not by Hydra's trainer");
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(t => t.Name, t => t);
        var nodes = graph.Node.ToDictionary(n => n.Name, n => n);
        var labels = model.MetadataProps.Single(p => p.Key == CamContract.LabelsKey).Value.Split(CamContract.LabelSeparator);

        var inputDims = graph.Input.Single(i => i.Name == CamContract.InputName).Type.TensorType.Shape.Dim;
        var input = new ImageShape((int)inputDims[1].DimValue, (int)inputDims[2].DimValue, (int)inputDims[3].DimValue);
        var reference = weights.TryGetValue("input.reference", out var referenceTensor) ? Floats(referenceTensor) : null;

        var blocks = new List<ConvBlock>();
        for (var i = 0; nodes.TryGetValue($"block{i}.conv", out var conv); i++)
        {
            var weight = weights[$"block{i}.weight"];
            var kernel = Ints(conv, "kernel_shape")[0];
            blocks.Add(new ConvBlock((int)weight.Dims[1], (int)weight.Dims[0], (int)kernel, Floats(weight), Floats(weights[$"block{i}.bias"]),
                stride: (int)Ints(conv, "strides")[0], padding: (int)Ints(conv, "pads")[0], maxPool: nodes.ContainsKey($"block{i}.pool")));
        }
        var headWeight = weights["head.weight"];
        var head = new CamHead((int)headWeight.Dims[1], (int)headWeight.Dims[0], Floats(headWeight), Floats(weights["head.class_bias"]))
        {
            Pooling = nodes.ContainsKey("head.gmp") ? CamPooling.MeanAndMax : CamPooling.Mean,
        };
        return new CamNetwork(input, blocks, head, labels, reference);
    }

    private static float[] Floats(TensorProto tensor) =>
        tensor.FloatData.Count > 0 ? [.. tensor.FloatData] : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();

    private static IReadOnlyList<long> Ints(NodeProto node, string attribute) => node.Attribute.Single(a => a.Name == attribute).Ints;
}
