using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hydra.Assistant.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Assistant.Logbook;

/// <summary>What an import did: how many entries are new, how many were already there, and every bad row by line.</summary>
public sealed record LogbookImportResult(int Imported, int Duplicates, IReadOnlyList<LogbookRowError> Errors);

/// <summary>
/// Checks rows, embeds them and stores them. Bad rows are reported and skipped; the good ones go in
/// together. Importing a file twice adds nothing (entries are matched by content hash and log number).
/// </summary>
public sealed partial class LogbookImporter(AssistantDb db, TextEmbedder embedder, TimeProvider clock)
{
    public const int MaxBodyLength = 100_000;
    private const int EmbeddingBatch = 32;

    public async Task<LogbookImportResult> ImportAsync(string text, LogbookFile.Format format, CancellationToken cancellationToken)
    {
        var (rows, errors) = LogbookFile.Read(text, format);
        var now = clock.GetUtcNow();
        var candidates = new List<LogbookEntry>();
        foreach (var row in rows)
        {
            if (ToEntry(row, now, out var error) is { } entry) candidates.Add(entry);
            else errors.Add(new(row.Line, error!));
        }

        // Duplicates within the file and against what is stored.
        var fresh = candidates.DistinctBy(e => e.ContentHash).ToList();
        var hashes = fresh.Select(e => e.ContentHash).ToList();
        var stored = await db.LogbookEntries.Where(e => hashes.Contains(e.ContentHash)).Select(e => e.ContentHash).ToListAsync(cancellationToken);
        var logNumbers = fresh.Where(e => e.LogNumber is not null).Select(e => e.LogNumber!.Value).ToList();
        var storedNumbers = await db.LogbookEntries.Where(e => e.LogNumber != null && logNumbers.Contains(e.LogNumber.Value)).Select(e => e.LogNumber!.Value).ToListAsync(cancellationToken);
        fresh = fresh.Where(e => !stored.Contains(e.ContentHash) && (e.LogNumber is null || !storedNumbers.Contains(e.LogNumber.Value))).ToList();
        fresh = [.. fresh.Where(e => e.LogNumber is null), .. fresh.Where(e => e.LogNumber is not null).DistinctBy(e => e.LogNumber)];

        foreach (var batch in fresh.Chunk(EmbeddingBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vectors = embedder.Embed([.. batch.Select(e => EmbeddingText(e.Title, e.Body))]);
            for (var i = 0; i < batch.Length; i++) batch[i].Embedding = vectors[i];
        }
        db.LogbookEntries.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);
        return new LogbookImportResult(fresh.Count, candidates.Count - fresh.Count, [.. errors.OrderBy(e => e.Line)]);
    }

    public static string EmbeddingText(string title, string body) => $"{title}. {body}";

    private static LogbookEntry? ToEntry(LogbookRow row, DateTimeOffset now, out string? error)
    {
        var missing = new[] { ("title", row.Title), ("body", row.Body), ("author", row.Author), ("time", row.Time) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        error = missing.Count > 0 ? $"missing {string.Join(", ", missing)}"
            : row.Title!.Trim().Length > 500 ? "title longer than 500 characters"
            : row.Author!.Trim().Length > 200 ? "author longer than 200 characters"
            : row.Body!.Length > MaxBodyLength ? $"body longer than {MaxBodyLength:N0} characters"
            : null;
        if (error is not null) return null;

        if (!DateTimeOffset.TryParse(row.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            error = $"time '{Printable(row.Time!)}' is not a date and time (ISO 8601, e.g. 2026-11-27T08:26:00Z)";
            return null;
        }
        int? run = null;
        if (!string.IsNullOrWhiteSpace(row.Run))
        {
            if (!int.TryParse(row.Run.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                error = $"run '{Printable(row.Run)}' is not a run number";
                return null;
            }
            run = number;
        }
        long? logNumber = null;
        if (!string.IsNullOrWhiteSpace(row.LogNumber))
        {
            if (!long.TryParse(row.LogNumber.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = $"log number '{Printable(row.LogNumber)}' is not a number";
                return null;
            }
            logNumber = number;
        }

        var title = row.Title!.Trim();
        var body = row.Body!.Trim();
        var author = row.Author!.Trim();
        var runs = RunNumbersIn($"{title} {body}");
        if (run is not null && !runs.Contains(run.Value)) runs.Insert(0, run.Value);
        return new LogbookEntry
        {
            LogNumber = logNumber,
            Title = title,
            Body = body,
            Author = author,
            CreatedAt = time,
            Tags = [.. row.Tags.Select(t => t.Trim()).Where(t => t.Length is > 0 and <= 100).Distinct(StringComparer.OrdinalIgnoreCase)],
            RunNumbers = runs,
            ImportedAt = now,
            ContentHash = Hash(title, body, author, time),
            Embedding = [],
        };
    }

    /// <summary>"Run 16042", "run #16042", "runs 16042-16044" name runs; a bare number does not (it may be a crate or a current).</summary>
    public static List<int> RunNumbersIn(string text)
    {
        var runs = new List<int>();
        foreach (Match match in RunPattern().Matches(text))
        {
            var first = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
            runs.Add(first);
            if (match.Groups["last"].Success && int.Parse(match.Groups["last"].Value, CultureInfo.InvariantCulture) is var last && last > first && last - first <= 20)
            {
                for (var r = first + 1; r <= last; r++) runs.Add(r);
            }
        }
        return [.. runs.Distinct()];
    }

    [GeneratedRegex(@"\bruns?\s*(?:number\s*|no\.?\s*|#\s*)?(?<first>\d{3,6})(?:\s*(?:-|–|to)\s*(?<last>\d{3,6}))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RunPattern();

    private static string Hash(string title, string body, string author, DateTimeOffset time) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{body}\n{author}\n{time.UtcTicks}")));

    private static string Printable(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
