using Hydra.Inference.PlotTypes;
using Hydra.Inference.Runs;

namespace Hydra.Inference.Episodes;

/// <summary>
/// Consecutive equal verdicts of one plot type in one run. The original marked the boundaries with
/// an IsTransition flag on each row; keeping the episode itself makes "Bad since 02:10, 9 chunks"
/// one row to read instead of a scan.
/// </summary>
public sealed class Episode
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public Run? Run { get; set; }
    public int PlotTypeId { get; set; }
    public PlotType? PlotType { get; set; }

    public required string Classification { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When the next, different verdict was recorded; null while the episode lasts.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public int FirstChunk { get; set; }
    public int LastChunk { get; set; }
    public int ImageCount { get; set; }
    public int ConfirmedCount { get; set; }
}
