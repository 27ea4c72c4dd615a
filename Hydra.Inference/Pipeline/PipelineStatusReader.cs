using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// The figures the original's status page showed (a timing histogram per stage, images per day),
/// computed from the stage times stored on each image and verdict over the last hour.
/// </summary>
public sealed class PipelineStatusReader(JobQueue queue, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private const int MaxSamples = 20_000;
    private static readonly double[] BinEdgesMs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, double.PositiveInfinity];

    public async Task<PipelineStatus> ReadAsync(MonitoringDb db, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Window;
        var ingest = await db.Images.Where(i => i.ReceivedAt >= since).OrderByDescending(i => i.Id).Take(MaxSamples)
            .Select(i => i.IngestMs).ToListAsync(cancellationToken);
        var verdicts = await db.Verdicts.Where(v => v.JudgedAt >= since).OrderByDescending(v => v.Id).Take(MaxSamples)
            .Select(v => new { v.QueueMs, v.ClassifyMs, v.JudgedAt, v.Image!.ReceivedAt }).ToListAsync(cancellationToken);

        var stages = new List<StageTiming>
        {
            Timing("ingest", ingest.Select(x => (double)x)),
            Timing("queue", verdicts.Select(v => (double)v.QueueMs)),
            Timing("classify", verdicts.Select(v => (double)v.ClassifyMs)),
            Timing("arrival to verdict", verdicts.Select(v => (v.JudgedAt - v.ReceivedAt).TotalMilliseconds)),
        };

        var perDay = await db.Database.SqlQuery<DailyRow>(
            $"""
            SELECT (received_at AT TIME ZONE 'UTC')::date AS "Day", count(*) AS "Images"
            FROM images WHERE received_at >= {clock.GetUtcNow().AddDays(-366)}
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(cancellationToken);

        (long waiting, long pending) = (0, 0);
        try { (waiting, pending) = await queue.LengthAsync(); }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException) { /* shown as 0; /health says Redis is down */ }

        var unjudged = await db.Images.CountAsync(i => i.JudgedAt == null, cancellationToken);
        var last = await db.Verdicts.MaxAsync(v => (DateTimeOffset?)v.JudgedAt, cancellationToken);
        return new PipelineStatus(waiting, pending, unjudged, stages, perDay.Select(d => new DailyCount(d.Day, d.Images)).ToList(), last);
    }

    private sealed record DailyRow(DateOnly Day, long Images);

    public static StageTiming Timing(string stage, IEnumerable<double> samples)
    {
        var sorted = samples.Where(double.IsFinite).Order().ToArray();
        var bins = BinEdgesMs.Select(edge => new HistogramBin(double.IsFinite(edge) ? edge : null, 0)).ToArray();
        foreach (var value in sorted)
        {
            var bin = Array.FindIndex(BinEdgesMs, edge => value <= edge);
            bins[bin] = bins[bin] with { Count = bins[bin].Count + 1 };
        }
        if (sorted.Length == 0) return new StageTiming(stage, 0, 0, 0, 0, 0, bins);
        return new StageTiming(stage, sorted.Length, sorted.Average(), Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1], bins);
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
