using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Models;
using Hydra.Inference.Tell;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Hydra.Inference.Runs;

/// <summary>
/// The Run page's data: a run and the latest verdict of each of its plot types. Read from Redis's
/// hot state when it is there; otherwise from PostgreSQL (per plot type, one backward step along
/// the (run, plot type, chunk) index) and put back into Redis for the next reader.
/// </summary>
public sealed class RunStates(RunStateCache cache, IConnectionMultiplexer redis, DefaultModelsReady defaultModels)
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
        var run = await RunQueries.Views(db.Runs.Where(r => r.RunNumber == runNumber)).FirstOrDefaultAsync(cancellationToken);
        if (run is null) return null;

        var plots = await cache.TryGetAsync(runNumber);
        if (plots is null)
        {
            plots = await FromDatabaseAsync(db, runNumber, cancellationToken);
            await cache.FillAsync(runNumber, plots);
        }

        var activeAlarms = await db.Alarms.CountAsync(a => a.ClearedAt == null && a.Run!.RunNumber == runNumber, cancellationToken);
        // Cheap: the partial index ix_images_not_judged holds only the images still waiting.
        var waiting = await db.Images.CountAsync(i => i.JudgedAt == null && i.Run!.RunNumber == runNumber, cancellationToken);
        // The last update the Run page shows is the newest verdict: free, and what the page means.
        var lastUpdate = plots.Count == 0 ? (DateTimeOffset?)null : plots.Max(p => p.Latest.JudgedAt);
        return new RunState(run, plots.OrderBy(p => p.Detector).ThenBy(p => p.PlotName, StringComparer.Ordinal).ToList(), activeAlarms, lastUpdate,
            waiting, InstallingDefaultModels: !defaultModels.Done);
    }

    private static async Task<IReadOnlyList<PlotState>> FromDatabaseAsync(MonitoringDb db, int runNumber, CancellationToken cancellationToken)
    {
        var latest = await db.Database.SqlQuery<long>(
            $"""
            SELECT latest.id AS "Value"
            FROM runs r CROSS JOIN plot_types p
            CROSS JOIN LATERAL (
                SELECT v.id FROM images i JOIN verdicts v ON v.image_id = i.id
                WHERE i.run_id = r.id AND i.plot_type_id = p.id
                ORDER BY i.chunk DESC, i.id DESC LIMIT 1) latest
            WHERE r.run_number = {runNumber}
            """).ToListAsync(cancellationToken);
        var views = await VerdictQueries.Views(db.Verdicts.Where(v => latest.Contains(v.Id))).ToListAsync(cancellationToken);
        return views.Select(v => new PlotState(v.PlotName, v.Detector, v)).ToList();
    }
}
