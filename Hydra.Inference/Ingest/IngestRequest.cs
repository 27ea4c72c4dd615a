namespace Hydra.Inference.Ingest;

/// <summary>One image as a source delivers it, from the inbox folder or an HTTP upload.</summary>
/// <param name="Source">Where it came from, for log lines: "http" or the inbox file path.</param>
public sealed record IngestRequest(
    int RunNumber,
    string PlotName,
    int Chunk,
    byte[] Png,
    DateTimeOffset? RecordedAt,
    double? BeamCurrentNanoAmps,
    string Source);
