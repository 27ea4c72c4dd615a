namespace Hydra.Core.Monitoring;

/// <summary>
/// One batch for the Labeler: the classes an expert may give this plot type (the palette) and the
/// images, newest first, each with its current label and what the model said (a hint, not a vote).
/// </summary>
public sealed record LabelerBatchView(string PlotName, IReadOnlyList<string> Classes, int UnlabelledCount, IReadOnlyList<LabelerImage> Images);

public sealed record LabelerImage(
    long ImageId,
    int RunNumber,
    int Chunk,
    DateTimeOffset RecordedAt,
    string? Label,
    string? LabelledBy,
    string? AiClassification,
    float? AiConfidence);

/// <summary>Which images a Labeler batch shows: the unlabelled ones (labelling) or the labelled ones (editor mode).</summary>
public enum LabelerMode { Unlabelled, Labelled }

/// <summary>A line of the leader board: who labelled how many images (label changes, erasures included).</summary>
public sealed record LabellerScore(string Labeller, int Labels, DateTimeOffset LastAt);
