using System.Text.Json.Serialization;

namespace Hydra.Core.Monitoring;

/// <summary>
/// What Inference publishes on <see cref="HydraStreams.EventsChannel"/> after each commit. Web pushes
/// these to open pages; anything else may listen too. Polymorphic JSON with a "type" field.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(VerdictEvent), "verdict")]
[JsonDerivedType(typeof(AlarmRaisedEvent), "alarm-raised")]
[JsonDerivedType(typeof(AlarmClearedEvent), "alarm-cleared")]
[JsonDerivedType(typeof(RunChangedEvent), "run")]
public abstract record HydraEvent(DateTimeOffset At);

public sealed record VerdictEvent(DateTimeOffset At, VerdictView Verdict) : HydraEvent(At);

public sealed record AlarmRaisedEvent(DateTimeOffset At, AlarmView Alarm) : HydraEvent(At);

public sealed record AlarmClearedEvent(DateTimeOffset At, AlarmView Alarm) : HydraEvent(At);

public sealed record RunChangedEvent(DateTimeOffset At, RunView Run) : HydraEvent(At);
