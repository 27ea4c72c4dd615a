namespace Hydra.Models;

/// <summary>
/// The names a model file must use to be served by Hydra, whoever trained it (the C# trainer or
/// PyTorch): one float32 input <c>image</c> [N, C, H, W] with pixels / 255 and a dynamic batch,
/// outputs <c>probabilities</c> [N, K] and <c>cam</c> [N, K, h, w], and the class names in the
/// model's own metadata so a file can never be served with another model's labels.
/// </summary>
public static class CamContract
{
    /// <summary>The value of <see cref="ContractKey"/>; a server refuses any other version.</summary>
    public const string Version = "cam-v1";

    public const string InputName = "image";
    public const string ProbabilitiesName = "probabilities";
    public const string CamName = "cam";

    /// <summary>
    /// Optional output [N, F]: the last conv block's maps averaged over the image, the plot model's
    /// own embedding (ADR-010). A model without it still meets the contract; Hydra adds it at load
    /// time when the <c>cam</c> maps come from a 1 x 1 Conv (see <c>Onnx.FeatureTap</c>).
    /// </summary>
    public const string FeaturesName = "features";

    /// <summary>Metadata key holding the class names in output order, joined by <see cref="LabelSeparator"/>.</summary>
    public const string LabelsKey = "hydra.labels";

    /// <summary>Metadata key naming the contract version, <see cref="Version"/>.</summary>
    public const string ContractKey = "hydra.contract";

    public const char LabelSeparator = ',';

    /// <summary>The dimension name of the batch axis, left dynamic so a chunk's plots run in one call.</summary>
    public const string BatchDimension = "N";
}
