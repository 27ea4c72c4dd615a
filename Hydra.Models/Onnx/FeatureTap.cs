using Google.Protobuf;
using Onnx;
using static Hydra.Models.Onnx.OnnxProtos;

namespace Hydra.Models.Onnx;

/// <summary>
/// Adds the optional <see cref="CamContract.FeaturesName"/> output to a CAM model that lacks it:
/// the input of the 1 x 1 Conv that makes the <c>cam</c> maps is the last conv block's feature
/// maps, and their global average is the embedding the head's linear layer reads. Done on the
/// model's bytes before ONNX Runtime loads them, so the committed default models and any imported
/// model keep their files unchanged (the cam-v1 contract of ADR-006 is untouched).
/// </summary>
internal static class FeatureTap
{
    /// <summary>The model with a <c>features</c> output, or the same bytes when it has one or the graph is not a CAM head over a Conv.</summary>
    public static byte[] Tap(byte[] onnx)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException)
        {
            return onnx; // ONNX Runtime will refuse it with its own reason.
        }
        var graph = model.Graph;
        // Only a model that offers the contract's cam is tapped; any other is left for the contract check to refuse as it is.
        if (graph is null || graph.Output.Any(o => o.Name == CamContract.FeaturesName) || graph.Output.All(o => o.Name != CamContract.CamName)) return onnx;
        var head = graph.Node.FirstOrDefault(n => n.Output.Contains(CamContract.CamName));
        if (head is not { OpType: "Conv" } || head.Input.Count < 2) return onnx;

        var weight = graph.Initializer.FirstOrDefault(t => t.Name == head.Input[1]);
        object width = weight is { Dims.Count: 4 } ? (int)weight.Dims[1] : "F";
        graph.Node.Add(Node("GlobalAveragePool", "hydra.features.gap", [head.Input[0]], "hydra.features.gap"));
        graph.Node.Add(Node("Flatten", "hydra.features.flatten", ["hydra.features.gap"], CamContract.FeaturesName, Int("axis", 1)));
        graph.Output.Add(FloatValue(CamContract.FeaturesName, CamContract.BatchDimension, width));
        return model.ToByteArray();
    }
}
