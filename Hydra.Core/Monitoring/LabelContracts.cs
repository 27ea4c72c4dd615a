namespace Hydra.Core.Monitoring;

/// <summary>
/// One "Apply N" from the Labeler: every change commits together or not at all. A null
/// classification erases the label. The labeller is the person's name (accounts come with roles).
/// </summary>
public sealed record LabelBatch(string Labeller, IReadOnlyList<LabelChangeRequest> Changes);

public sealed record LabelChangeRequest(long ImageId, string? Classification, string? Comment = null);

/// <summary>An image's current label, or a step of its history.</summary>
public sealed record LabelView(long ImageId, string? Classification, string By, DateTimeOffset At, string? Comment);

public sealed record LabelBatchResult(int Applied, int Unchanged);
