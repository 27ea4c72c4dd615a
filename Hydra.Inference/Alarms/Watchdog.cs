using Hydra.Shared;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Judging;
using Hydra.Inference.Pipeline;
using Hydra.Inference.Tell;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Alarms;

/// <summary>
/// Raises "no data arriving" when the current run's images stop coming, and clears it when they
/// come back or the run ends. One replica checks at a time (a transaction-scoped advisory lock).
/// </summary>
public sealed class Watchdog(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    EventPublisher events,
    AlarmNotifier notifier,
    PipelineMetrics metrics,
    IOptionsMonitor<HydraOptions> options,
    TimeProvider clock,
    ILogger<Watchdog> logger) : PeriodicWork(migrations, logger)
{
    private const long LockKey = 0x4879647261_01; // "Hydra", watchdog

    protected override string Duty => "Watchdog check";

    protected override TimeSpan Interval => options.CurrentValue.Watchdog.CheckInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var strategy = db.Database.CreateExecutionStrategy();
        var (raised, cleared) = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
            if (!locked) return (new List<Alarm>(), new List<Alarm>());

            var now = clock.GetUtcNow();
            var run = await db.Runs.Where(r => r.EndedAt == null).OrderByDescending(r => r.RunNumber)
                .Select(r => new { r.Id, r.RunNumber }).FirstOrDefaultAsync(cancellationToken);
            var lastImages = run is null ? [] : (await db.Images
                .Where(i => i.RunId == run.Id && i.PlotType!.IsChunked && !i.PlotType.IsIgnored)
                .GroupBy(i => new { i.PlotTypeId, i.PlotType!.Name })
                .Select(g => new { g.Key.PlotTypeId, g.Key.Name, Last = g.Max(i => i.ReceivedAt) })
                .ToListAsync(cancellationToken))
                .Select(p => (p.PlotTypeId, p.Name, p.Last)).ToList();
            var silences = WatchdogRules.Evaluate(lastImages, now, settings.Watchdog.Silence);

            var active = await db.Alarms.Where(a => a.Kind == AlarmKind.NoDataArriving && a.ClearedAt == null).ToListAsync(cancellationToken);
            var clearedNow = active.Where(a => a.RunId != run?.Id || !silences.Any(s => s.PlotTypeId == a.PlotTypeId)).ToList();
            foreach (var alarm in clearedNow)
            {
                alarm.ClearedAt = now;
                alarm.QueueNotifications(AlarmNotices.Cleared, settings.Alarms.Webhooks);
            }

            var raisedNow = new List<Alarm>();
            foreach (var silence in silences.Where(s => !active.Any(a => a.RunId == run!.Id && a.PlotTypeId == s.PlotTypeId && a.ClearedAt == null)))
            {
                var alarm = new Alarm
                {
                    Kind = AlarmKind.NoDataArriving,
                    RunId = run!.Id,
                    PlotTypeId = silence.PlotTypeId,
                    Message = WatchdogRules.Message(silence, run.RunNumber, now),
                    RaisedAt = now,
                    LastSeenAt = now,
                };
                alarm.QueueNotifications(AlarmNotices.Raised, settings.Alarms.Webhooks);
                db.Alarms.Add(alarm);
                raisedNow.Add(alarm);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (raisedNow, clearedNow);
        });

        if (raised.Count == 0 && cleared.Count == 0) return;
        var ids = raised.Concat(cleared).Select(a => a.Id).ToList();
        var views = await AlarmViews.Views(db, db.Alarms.Where(a => ids.Contains(a.Id))).ToListAsync(cancellationToken);
        foreach (var view in views)
        {
            if (view.IsActive)
            {
                metrics.AlarmRaised(view.Kind.ToString());
                logger.LogWarning("Watchdog: {Message}", view.Message);
                await events.PublishAsync(new AlarmRaisedEvent(clock.GetUtcNow(), view));
            }
            else
            {
                await events.PublishAsync(new AlarmClearedEvent(clock.GetUtcNow(), view));
            }
        }
        notifier.Wake();
    }
}
