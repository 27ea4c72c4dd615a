namespace Hydra.Assistant.Logbook;

/// <summary>
/// One electronic logbook entry (HBLOG-style): shift summaries, expert notes, beam and
/// accelerator notes, run start/stop. Its text is data for the assistant to cite, never
/// instructions for it to follow.
/// </summary>
public sealed class LogbookEntry
{
    public long Id { get; set; }

    /// <summary>The logbook's own number, when the entry was imported from one.</summary>
    public long? LogNumber { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>Run numbers named by the entry; logbooks keep them in free text, so they are extracted.</summary>
    public List<int> RunNumbers { get; set; } = [];
    public DateTimeOffset ImportedAt { get; set; }
}
