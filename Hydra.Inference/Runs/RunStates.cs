using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Tell;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Hydra.Inference.Runs;

/// <summary>
/// The Run page's data: a run and the latest verdict of each of its plot types. Read from Redis's
/// hot state when it is there; otherwise from PostgreSQL (one DISTINCT ON walk of the
/// (run, plot type, chunk) index) and put back into Redis for the next reader.
/// </summary>
public sealed class RunStates(RunStateCache cache, IConnectionMultiplexer redis)
{
    public async Task<int?> CurrentRunNumberAsync(MonitoringDb db, CancellationToken cancellationToken)
    {
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(HydraStreams.CurrentRunKey);
            if (cached.TryParse(out int number)) return number;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // PostgreSQL knows too.
        }
        return await db.Runs.OrderBy(r => r.EndedAt != null).ThenByDescending(r => r.RunNumber)
            .Select(r => (int?)r.RunNumber).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<RunState?> GetAsync(MonitoringDb db, int runNumber, CancellationToken cancellationToken)
    {
        var run = await RunQueries.Views(db, db.Runs.Where(r => r.RunNumber == runNumber)).FirstOrDefaultAsync(cancellationToken);
        if (run is null) return null;

        var plots = await cache.TryGetAsync(runNumber);
        if (plots is null)
        {
            plots = await FromDatabaseAsync(db, runNumber, cancellationToken);
            await cache.FillAsync(runNumber, plots);
        }

        var activeAlarms = await db.Alarms.CountAsync(a => a.ClearedAt == null && a.Run!.RunNumber == runNumber, cancellationToken);
        var lastImageAt = await db.Images.Where(i => i.Run!.RunNumber == runNumber).MaxAsync(i => (DateTimeOffset?)i.ReceivedAt, cancellationToken);
        return new RunState(run, plots.OrderBy(p => p.Detector).ThenBy(p => p.PlotName, StringComparer.Ordinal).ToList(), activeAlarms, lastImageAt);
    }

    private static async Task<IReadOnlyList<PlotState>> FromDatabaseAsync(MonitoringDb db, int runNumber, CancellationToken cancellationToken)
    {
        var latest = await db.Database.SqlQuery<long>(
            $"""
            SELECT DISTINCT ON (i.plot_type_id) v.id AS "Value"
            FROM images i JOIN runs r ON r.id = i.run_id JOIN verdicts v ON v.image_id = i.id
            WHERE r.run_number = {runNumber}
            ORDER BY i.plot_type_id, i.chunk DESC, i.id DESC
            """).ToListAsync(cancellationToken);
        var views = await VerdictQueries.Views(db.Verdicts.Where(v => latest.Contains(v.Id))).ToListAsync(cancellationToken);
        return views.Select(v => new PlotState(v.PlotName, v.Detector, v)).ToList();
    }
}
