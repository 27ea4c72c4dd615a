using Hydra.Core.Monitoring;
using Hydra.Inference.PlotTypes;
using Hydra.Inference.Runs;

namespace Hydra.Inference.Alarms;

/// <summary>
/// Something a person must look at. One alarm per cause (a Bad episode, a silence), not per image:
/// later images of the same episode only bump <see cref="ImageCount"/> and <see cref="LastSeenAt"/>.
/// </summary>
public sealed class Alarm
{
    public long Id { get; set; }
    public AlarmKind Kind { get; set; }
    public int? RunId { get; set; }
    public Run? Run { get; set; }

    /// <summary>Null for a watchdog alarm about every plot type at once.</summary>
    public int? PlotTypeId { get; set; }
    public PlotType? PlotType { get; set; }
    public long? EpisodeId { get; set; }
    public Episodes.Episode? Episode { get; set; }

    public required string Message { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public int ImageCount { get; set; }

    public List<AlarmNotification> Notifications { get; } = [];

    /// <summary>
    /// One delivery row per webhook, added in the same transaction as the alarm (or its clearing):
    /// there is never an alarm whose notifications were forgotten.
    /// </summary>
    public void QueueNotifications(string notice, IEnumerable<string> webhooks)
    {
        foreach (var webhook in webhooks)
        {
            Notifications.Add(new AlarmNotification { Event = notice, Webhook = webhook, NextAttemptAt = DateTimeOffset.UtcNow });
        }
    }
}

/// <summary>
/// Delivery of one alarm to one webhook. Kept in the database so a restart resumes the retries:
/// an alarm must reach someone even when no screen shows Hydra.
/// </summary>
public sealed class AlarmNotification
{
    public long Id { get; set; }
    public long AlarmId { get; set; }
    public Alarm? Alarm { get; set; }

    /// <summary>"raised" or "cleared".</summary>
    public required string Event { get; set; }
    public required string Webhook { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Set when the retries ran out; the alarm itself stays visible on every page.</summary>
    public DateTimeOffset? AbandonedAt { get; set; }
    public string? LastError { get; set; }
}
