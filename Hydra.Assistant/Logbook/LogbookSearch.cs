using System.Text.RegularExpressions;
using Hydra.Assistant.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Assistant.Logbook;

/// <summary>A logbook search: words, optionally only entries that name a run, or written in a time window.</summary>
public sealed record LogbookQuery(string Text, int? RunNumber = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 5);

/// <summary>One entry found, with how it was found ("keyword", "semantic" or both) and its fused score.</summary>
public sealed record LogbookHit(long Id, long? LogNumber, string Title, string Body, string Author, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Tags, IReadOnlyList<int> RunNumbers, double Score, IReadOnlyList<string> MatchedBy);

/// <summary>
/// Hybrid retrieval: PostgreSQL full-text search (exact words: "crate 44", "HV") and MiniLM
/// embeddings (meaning: "high voltage tripped" finds "HV board out"), fused by reciprocal rank
/// (score = sum of 1/(60 + rank)), which needs no tuning between two scores of different scales.
/// Operations assistants found keyword precision matters most and that keywords must still work
/// when embeddings do not, so a failed embedding falls back to keywords alone.
/// </summary>
public sealed partial class LogbookSearch(AssistantDb db, TextEmbedder embedder, LogbookVectorIndex index, ILogger<LogbookSearch> logger)
{
    public const int MaxLimit = 20;
    private const int Candidates = 50;
    private const int RankedMatches = 300;
    private const double RrfK = 60;

    /// <summary>
    /// Below this cosine similarity MiniLM's neighbours are noise (unrelated sentences score 0-0.2):
    /// they would still get a rank, and a rank is all fusion looks at.
    /// </summary>
    private const float MinSimilarity = 0.2f;

    public async Task<IReadOnlyList<LogbookHit>> SearchAsync(LogbookQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var filtered = Filtered(query);

        // The semantic half is CPU (embedding, vector scan) and the keyword half is PostgreSQL's
        // work: they run at the same time. The DbContext is used by one of them only.
        Task<IReadOnlyList<long>> semanticTask = Task.FromResult<IReadOnlyList<long>>([]);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            await index.RefreshAsync(db, cancellationToken);
            HashSet<long>? allowed = null;
            if (query.RunNumber is not null || query.From is not null || query.To is not null)
            {
                allowed = [.. await filtered.Select(e => e.Id).ToListAsync(cancellationToken)];
            }
            semanticTask = Task.Run(() => Semantic(query.Text, allowed), cancellationToken);
        }
        var keyword = await KeywordAsync(filtered, query.Text, cancellationToken);
        var semantic = await semanticTask;

        var fused = new Dictionary<long, (double Score, List<string> By)>();
        void Fuse(IReadOnlyList<long> ranking, string by)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var (score, matched) = fused.TryGetValue(ranking[rank], out var found) ? found : (0, []);
                matched.Add(by);
                fused[ranking[rank]] = (score + 1 / (RrfK + rank + 1), matched);
            }
        }
        Fuse(keyword, "keyword");
        Fuse(semantic, "semantic");

        if (string.IsNullOrWhiteSpace(query.Text))
        {
            // No words: the newest entries of the run or window ("what does the logbook say about run N").
            var newest = await filtered.OrderByDescending(e => e.CreatedAt).Take(limit).Select(e => e.Id).ToListAsync(cancellationToken);
            Fuse(newest, "filter");
        }

        var top = fused.OrderByDescending(f => f.Value.Score).ThenByDescending(f => f.Key).Take(limit).ToList();
        var ids = top.Select(t => t.Key).ToList();
        var entries = await db.LogbookEntries.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.LogNumber, e.Title, e.Body, e.Author, e.CreatedAt, e.Tags, e.RunNumbers })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        return [.. top.Where(t => entries.ContainsKey(t.Key)).Select(t =>
        {
            var e = entries[t.Key];
            return new LogbookHit(e.Id, e.LogNumber, e.Title, e.Body, e.Author, e.CreatedAt, e.Tags, e.RunNumbers, Math.Round(t.Value.Score, 5), t.Value.By);
        })];
    }

    private IReadOnlyList<long> Semantic(string text, HashSet<long>? allowed)
    {
        try
        {
            var vector = embedder.Embed(text);
            return [.. index.Nearest(vector, Candidates, allowed is null ? null : allowed.Contains).Where(h => h.Score >= MinSimilarity).Select(h => h.Id)];
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Semantic logbook search failed; keyword results only");
            return [];
        }
    }

    public Task<LogbookEntry?> GetAsync(long id, CancellationToken cancellationToken) =>
        db.LogbookEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    private IQueryable<LogbookEntry> Filtered(LogbookQuery query)
    {
        var entries = db.LogbookEntries.AsNoTracking();
        if (query.RunNumber is { } run) entries = entries.Where(e => e.RunNumbers.Contains(run));
        if (query.From is { } from) entries = entries.Where(e => e.CreatedAt >= from);
        if (query.To is { } to) entries = entries.Where(e => e.CreatedAt <= to);
        return entries;
    }

    /// <summary>
    /// Every word first (precise, and cheap on a GIN index); when that finds too little, any word,
    /// ranked by cover density so entries with more of the words come first.
    /// </summary>
    private static async Task<IReadOnlyList<long>> KeywordAsync(IQueryable<LogbookEntry> entries, string text, CancellationToken cancellationToken)
    {
        var words = Words(text);
        if (words.Count == 0) return [];
        var all = await RankedAsync(entries, string.Join(" & ", words), cancellationToken);
        if (all.Count >= 10 || words.Count == 1) return all;
        var any = await RankedAsync(entries, string.Join(" | ", words), cancellationToken);
        return [.. all.Concat(any).Distinct()];
    }

    /// <summary>
    /// The newest <see cref="RankedMatches"/> matches ranked by cover density. Ranking every match of
    /// a common word ("crate", "channel") over 100,000 entries costs PostgreSQL 100+ ms; the newest
    /// few hundred are what a shift asks about, and their ranking is cheap.
    /// </summary>
    private static Task<List<long>> RankedAsync(IQueryable<LogbookEntry> entries, string tsQuery, CancellationToken cancellationToken) =>
        entries.Where(e => e.SearchVector.Matches(EF.Functions.ToTsQuery("english", tsQuery)))
            .OrderByDescending(e => e.CreatedAt).Take(RankedMatches)
            .OrderByDescending(e => e.SearchVector.RankCoverDensity(EF.Functions.ToTsQuery("english", tsQuery)))
            .ThenByDescending(e => e.CreatedAt)
            .Take(Candidates)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Letters and digits only, so nothing a person types can break the tsquery syntax; question words dropped.</summary>
    public static List<string> Words(string text) =>
        [.. WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant())
            .Where(w => !QuestionWords.Contains(w)).Distinct().Take(12)];

    /// <summary>Words of the question itself, not of its subject ("what does the logbook say about ..."); PostgreSQL drops English stop words itself.</summary>
    private static readonly HashSet<string> QuestionWords = ["what", "does", "say", "says", "said", "logbook", "log", "about", "tell", "me", "anything", "entry", "entries", "any", "is", "the", "a", "an", "of", "did", "do", "there", "was", "were", "on", "in", "for", "and", "or", "not", "to"];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
