using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Hydra.Models.Serving;

/// <summary>
/// What a loaded session offers, checked against <see cref="CamContract"/> from the session's own
/// metadata rather than from the file's producer, so a model exported from PyTorch or anywhere else
/// is judged by the same rules as the C# trainer's.
/// </summary>
internal sealed record ServedContract(ImageShape Input, int Classes, int? CamHeight, int? CamWidth, IReadOnlyList<string> Labels)
{
    public static ServedContract Read(InferenceSession session)
    {
        var inputs = session.InputMetadata;
        if (!inputs.TryGetValue(CamContract.InputName, out var image))
            throw Broken($"it has no input named '{CamContract.InputName}' (its inputs: {Names(inputs.Keys)})");
        if (inputs.Count > 1)
            throw Broken($"it has inputs besides '{CamContract.InputName}' ({Names(inputs.Keys)}); the contract has one");

        var dims = FloatTensor(image, CamContract.InputName, "N x C x H x W", rank: 4);
        if (dims[0] >= 0)
            throw Broken($"the batch dimension of '{CamContract.InputName}' is fixed at {dims[0]}; it must be dynamic so a chunk's plots run in one call");
        if (!ImageShape.IsChannelCount(dims[1]))
            throw Broken($"'{CamContract.InputName}' has {Dim(dims[1])} channels; the contract takes {ImageShape.ChannelChoices}");
        if (dims[2] < 1 || dims[3] < 1)
            throw Broken($"'{CamContract.InputName}' is {Dim(dims[2])} x {Dim(dims[3])} pixels; height and width must be fixed");
        var input = new ImageShape(dims[1], dims[2], dims[3]);

        var outputs = session.OutputMetadata;
        var probabilities = FloatTensor(Output(outputs, CamContract.ProbabilitiesName), CamContract.ProbabilitiesName, "N x K", rank: 2);
        var classes = probabilities[1];
        if (classes < 1)
            throw Broken($"the class dimension of '{CamContract.ProbabilitiesName}' is {Dim(classes)}; it must be fixed");
        var cam = FloatTensor(Output(outputs, CamContract.CamName), CamContract.CamName, "N x K x h x w", rank: 4);
        if (cam[1] >= 0 && cam[1] != classes)
            throw Broken($"'{CamContract.CamName}' has {cam[1]} maps per image but '{CamContract.ProbabilitiesName}' has {classes} classes");

        var metadata = session.ModelMetadata.CustomMetadataMap;
        if (metadata.TryGetValue(CamContract.ContractKey, out var version) && version != CamContract.Version)
            throw Broken($"its '{CamContract.ContractKey}' is '{version}'; this server serves '{CamContract.Version}'");
        var labels = ReadLabels(metadata, classes);

        return new ServedContract(input, classes, Static(cam[2]), Static(cam[3]), Array.AsReadOnly(labels));
    }

    private static string[] ReadLabels(IReadOnlyDictionary<string, string> metadata, int classes)
    {
        if (!metadata.TryGetValue(CamContract.LabelsKey, out var joined) || string.IsNullOrWhiteSpace(joined))
            throw Broken($"its metadata has no '{CamContract.LabelsKey}' (the class names, comma-separated, in output order)");
        var labels = joined.Split(CamContract.LabelSeparator, StringSplitOptions.TrimEntries);
        if (labels.Any(string.IsNullOrEmpty))
            throw Broken($"'{CamContract.LabelsKey}' = '{joined}' has an empty label");
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
            throw Broken($"'{CamContract.LabelsKey}' = '{joined}' repeats a label");
        if (labels.Length != classes)
            throw Broken($"'{CamContract.LabelsKey}' names {labels.Length} labels ({string.Join(", ", labels)}) but '{CamContract.ProbabilitiesName}' has {classes} classes");
        return labels;
    }

    private static NodeMetadata Output(IReadOnlyDictionary<string, NodeMetadata> outputs, string name) =>
        outputs.TryGetValue(name, out var output)
            ? output
            : throw Broken($"it has no output named '{name}' (its outputs: {Names(outputs.Keys)})");

    private static int[] FloatTensor(NodeMetadata node, string name, string layout, int rank)
    {
        if (!node.IsTensor)
            throw Broken($"'{name}' is a {node.OnnxValueType}, not a tensor");
        if (node.ElementDataType != TensorElementType.Float)
            throw Broken($"'{name}' holds {node.ElementDataType}, not float32");
        if (node.Dimensions.Length != rank)
            throw Broken($"'{name}' has rank {node.Dimensions.Length}, not {rank} ({layout})");
        return node.Dimensions;
    }

    private static int? Static(int dim) => dim > 0 ? dim : null;

    private static string Dim(int dim) => dim >= 0 ? dim.ToString() : "dynamic";

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";

    private static ModelContractException Broken(string reason) =>
        new($"The model does not meet Hydra's {CamContract.Version} contract: {reason}.");
}
