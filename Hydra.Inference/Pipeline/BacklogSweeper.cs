using Hydra.Shared;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// Queues images that are stored but not queued: ingest accepted them while Redis was down (or the
/// process died between the commit and the XADD). Also re-queues images queued long ago that still
/// have no verdict while the stream is empty: their job was lost with a Redis that had no
/// persistence. Re-queueing is harmless; verdicts are one per image.
/// </summary>
public sealed class BacklogSweeper(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    JobQueue queue,
    PipelineMetrics metrics,
    IOptionsMonitor<HydraOptions> options,
    ILogger<BacklogSweeper> logger) : PeriodicWork(migrations, logger)
{
    private const int BatchSize = 500;

    protected override string Duty => "Backlog sweep";

    protected override TimeSpan Interval => options.CurrentValue.Classifier.BacklogSweepInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var (waiting, pending) = await queue.LengthAsync();
        metrics.QueueLength(waiting);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var unqueued = await db.Images.Where(i => i.EnqueuedAt == null).OrderBy(i => i.Id).Select(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);

        if (waiting + pending == 0)
        {
            var lostBefore = DateTimeOffset.UtcNow - options.CurrentValue.Classifier.RequeueLostAfter;
            unqueued.AddRange(await db.Images
                .Where(i => i.EnqueuedAt < lostBefore && i.JudgedAt == null)
                .OrderBy(i => i.Id).Select(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken));
        }

        foreach (var id in unqueued)
        {
            await queue.EnqueueAsync(id);
            var now = DateTimeOffset.UtcNow;
            await db.Images.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.EnqueuedAt, now), cancellationToken);
        }
        if (unqueued.Count > 0) logger.LogInformation("Queued {Count} stored images that had no job", unqueued.Count);
        return unqueued.Count;
    }
}
