namespace Hydra.Inference.Pipeline;

/// <summary>Everything the classify and judge steps need to know about one queued image, read in one query.</summary>
public sealed record ImageJob(
    long ImageId,
    int RunId,
    int RunNumber,
    int PlotTypeId,
    string PlotName,
    string Detector,
    int Chunk,
    int Width,
    int Height,
    DateTimeOffset RecordedAt,
    DateTimeOffset ReceivedAt,
    double? BeamCurrentNanoAmps,
    Guid? ActiveModelId,
    bool IsIgnored,
    bool Judged);

/// <summary>What a model (or its absence) said about one image, before the judge applies thresholds.</summary>
/// <param name="Cam">The top class's activation map, serialised; null when there is no model.</param>
public sealed record ModelOutcome(
    string Classification,
    float? Confidence,
    Dictionary<string, float> Scores,
    Guid? ModelId,
    byte[]? Cam,
    IReadOnlyDictionary<string, float> Thresholds)
{
    /// <summary>The map's hot regions in detector coordinates, added after classification.</summary>
    public List<Hydra.Core.Explanations.HotRegion>? Regions { get; init; }

    /// <summary>The model's own embedding of the image (ADR-010), when the model gives one.</summary>
    public float[]? Features { get; init; }

    /// <summary>The reference compared with and the similarity, added after classification.</summary>
    public References.ReferenceScore? Reference { get; init; }
}
