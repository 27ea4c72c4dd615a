using System.Text.Json.Serialization;

namespace Hydra.Core.Assistant;

// The assistant's wire contract (POST /api/v1/chat), shared by the assistant and the Web app.

/// <summary>
/// A question to the assistant. <see cref="Context"/> is the page it was asked from (run, plot,
/// image, alarm), so "why is this bad?" on a plot card means that plot. The person asking is the
/// one Web forwards in X-Hydra-User (ADR-011); <see cref="User"/> is optional and, when given, must
/// name that same person (else 403).
/// </summary>
public sealed record ChatRequest(string Message, string? User = null, Guid? ConversationId = null, PageContext? Context = null)
{
    /// <summary>A question is a few sentences; a pasted log dump is not a question and would only crowd out the tools' data.</summary>
    public const int MaxMessageLength = 2000;
}

public sealed record PageContext(int? Run = null, string? Plot = null, long? ImageId = null, long? AlarmId = null);

/// <summary>
/// The typed events of an answer, sent as server-sent events (event name = <c>type</c>): text as it
/// is written, each tool call, each cited source, and finally done (or error).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextEvent), TextEvent.Type)]
[JsonDerivedType(typeof(ToolCallEvent), ToolCallEvent.Type)]
[JsonDerivedType(typeof(SourceEvent), SourceEvent.Type)]
[JsonDerivedType(typeof(DoneEvent), DoneEvent.Type)]
[JsonDerivedType(typeof(ErrorEvent), ErrorEvent.Type)]
public abstract record ChatEvent
{
    /// <summary>The server-sent event's name: the same as the JSON "type".</summary>
    [JsonIgnore]
    public string EventType => this switch
    {
        TextEvent => TextEvent.Type,
        ToolCallEvent => ToolCallEvent.Type,
        SourceEvent => SourceEvent.Type,
        DoneEvent => DoneEvent.Type,
        _ => ErrorEvent.Type,
    };
}

public sealed record TextEvent(string Text) : ChatEvent
{
    public const string Type = "text";
}

public sealed record ToolCallEvent(string Name, IReadOnlyDictionary<string, object?> Arguments) : ChatEvent
{
    public const string Type = "tool-call";
}

/// <param name="Kind">alarm, logbook or image.</param>
public sealed record SourceEvent(string Kind, long Id, string Title, string Url) : ChatEvent
{
    public const string Type = "source";
}

/// <param name="Mode">"llm" or "offline".</param>
/// <param name="RemovedCitations">Citations in the answer that no tool of this turn returned, removed.</param>
public sealed record DoneEvent(Guid ConversationId, string Mode, int RemovedCitations) : ChatEvent
{
    public const string Type = "done";
}

public sealed record ErrorEvent(string Message) : ChatEvent
{
    public const string Type = "error";
}

/// <summary>A stored logbook entry as the assistant's API returns it (GET /api/v1/logbook/{id}).</summary>
public sealed record LogbookEntryView(long Id, long? LogNumber, string Title, string Body, string Author, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Tags, IReadOnlyList<int> RunNumbers);
