using Hydra.Core.Monitoring;

namespace Hydra.Inference.Models;

/// <summary>
/// A request to train a new version from the current labels, and its progress. A row, not an
/// in-memory task: any replica may run it, the page can follow it, and a restart shows it failed
/// instead of forgetting it.
/// </summary>
public sealed class TrainingJob
{
    public long Id { get; set; }
    public int PlotTypeId { get; set; }
    public PlotTypes.PlotType? PlotType { get; set; }
    public TrainingJobStatus Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Epochs { get; set; }
    public int Seed { get; set; }
    public int Epoch { get; set; }
    public double? TrainLoss { get; set; }
    public double? ValidationLoss { get; set; }
    public double? ValidationAccuracy { get; set; }
    public double? SecondsLeft { get; set; }
    public int? TrainingImages { get; set; }
    public Guid? ModelId { get; set; }
    public string? Error { get; set; }
    public string? RunningOn { get; set; }

    /// <summary>Updated every epoch; a Running job whose heartbeat stopped lost its replica and is marked failed.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
}
