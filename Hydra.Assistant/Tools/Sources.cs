using System.Collections.Concurrent;

namespace Hydra.Assistant.Tools;

/// <summary>What an answer may cite: an alarm, a logbook entry or a monitoring image.</summary>
public enum SourceKind { Alarm, Logbook, Image }

/// <summary>
/// A citable source. <see cref="Url"/> is a path on the Web app (which proxies images and shows
/// alarms and logbook entries), so the chat panel can link it without knowing the assistant's address.
/// </summary>
public sealed record Source(SourceKind Kind, long Id, string Title, string Url)
{
    /// <summary>How an answer cites it: [alarm:12], [logbook:5], [image:88].</summary>
    public string Citation => $"[{Kind.ToString().ToLowerInvariant()}:{Id}]";

    public static Source ForAlarm(long id, string title) => new(SourceKind.Alarm, id, title, $"/log?alarm={id}");
    public static Source ForLogbook(long id, string title) => new(SourceKind.Logbook, id, title, $"/assistant/logbook/{id}");
    public static Source ForImage(long id, string title) => new(SourceKind.Image, id, title, $"/images/{id}/png");
}

/// <summary>
/// The sources the tools returned during one turn. An answer may cite only these: a citation of
/// anything else (a model's invention, or an id planted in a logbook entry) is removed before it
/// reaches the person.
/// </summary>
public sealed class TurnSources
{
    private readonly ConcurrentDictionary<(SourceKind, long), Source> _sources = new();

    public void Add(Source source) => _sources.TryAdd((source.Kind, source.Id), source);

    public bool TryGet(SourceKind kind, long id, out Source? source) => _sources.TryGetValue((kind, id), out source);

    public IReadOnlyCollection<Source> All => [.. _sources.Values];
}
