using System.Diagnostics;
using Hydra.Core.Classifications;
using Hydra.Core.Monitoring;
using Hydra.Inference.Alarms;
using Hydra.Inference.Classify;
using Hydra.Inference.Data;
using Hydra.Inference.Explanations;
using Hydra.Inference.References;
using Hydra.Inference.Tell;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// Classifies, judges and commits one batch of jobs, then tells (hot state, events, webhooks).
/// Idempotent: an image that already has a verdict is skipped, checked again under the (run, plot
/// type) lock inside the transaction, so a job delivered twice, or to two replicas, gives one verdict.
/// </summary>
public sealed class BatchProcessor(
    IServiceScopeFactory scopes,
    ModelCatalog models,
    Explainer explainer,
    ReferenceScorer references,
    RunStateCache hotState,
    EventPublisher events,
    AlarmNotifier notifier,
    PipelineMetrics metrics,
    IOptionsMonitor<HydraOptions> options)
{
    /// <summary>Returns how many verdicts this call committed (0 when every job was already judged).</summary>
    public async Task<int> ProcessAsync(IReadOnlyList<JobQueue.Job> jobs, CancellationToken cancellationToken)
    {
        var pickedUp = DateTimeOffset.UtcNow;
        var ids = jobs.Select(j => j.ImageId).Where(id => id > 0).Distinct().ToList();
        if (ids.Count == 0) return 0;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var pending = (await LoadJobsAsync(db, ids, cancellationToken)).Where(j => !j.Judged).ToList();
        if (pending.Count == 0) return 0;

        var enqueuedAt = jobs.GroupBy(j => j.ImageId).ToDictionary(g => g.Key, g => g.Min(j => j.EnqueuedAt));
        var judged = new List<(ImageJob Job, ModelOutcome Outcome, TimingMs Timing)>(pending.Count);
        foreach (var byModel in pending.GroupBy(j => j.IsIgnored ? (Guid?)null : j.ActiveModelId))
        {
            var started = Stopwatch.GetTimestamp();
            var batch = byModel.ToList();
            var outcomes = byModel.Key is { } modelId
                ? await models.ClassifyAsync(db, modelId, batch, cancellationToken)
                : batch.Select(j => NoModelOutcome(j.IsIgnored ? VerdictOutcomes.Ignored : VerdictOutcomes.NoModel)).ToList();
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Cam is { } cam)
                {
                    outcomes[i] = outcomes[i] with { Regions = await explainer.ExplainAsync(db, batch[i].PlotTypeId, cam, batch[i].Width, batch[i].Height, cancellationToken) };
                }
                outcomes[i] = outcomes[i] with { Reference = await references.ScoreAsync(db, batch[i], outcomes[i], cancellationToken) };
            }
            var classifyMs = (float)(Stopwatch.GetElapsedTime(started).TotalMilliseconds / batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var queueMs = (float)Math.Max(0, (pickedUp - enqueuedAt.GetValueOrDefault(batch[i].ImageId, pickedUp)).TotalMilliseconds);
                judged.Add((batch[i], outcomes[i], new TimingMs(queueMs, classifyMs)));
                metrics.Stage("queue", queueMs);
                metrics.Stage("classify", classifyMs);
            }
        }

        var commitStarted = Stopwatch.GetTimestamp();
        var book = await CommitAsync(db, judged, cancellationToken);
        foreach (var (_, job) in book.Written.Where(w => w.Verdict is { Confirmed: true, Classification: nameof(Classification.Good) }))
        {
            references.GoodJudged(job.PlotTypeId, job.RunId);
        }
        var commitMs = Stopwatch.GetElapsedTime(commitStarted).TotalMilliseconds;
        metrics.Stage("commit", commitMs);

        await TellAsync(db, book, cancellationToken);
        return book.Written.Count;
    }

    public static ModelOutcome NoModelOutcome(string outcome) =>
        new(outcome, null, [], null, null, new Dictionary<string, float>());

    private static Task<List<ImageJob>> LoadJobsAsync(MonitoringDb db, List<long> ids, CancellationToken cancellationToken) =>
        db.Images.Where(i => ids.Contains(i.Id))
            .Select(i => new ImageJob(
                i.Id, i.RunId, i.Run!.RunNumber, i.PlotTypeId, i.PlotType!.Name, i.PlotType.Detector, i.Chunk, i.Width, i.Height,
                i.RecordedAt, i.ReceivedAt, i.BeamCurrentNanoAmps, i.PlotType.ActiveModelId, i.PlotType.IsIgnored,
                db.Verdicts.Any(v => v.ImageId == i.Id)))
            .ToListAsync(cancellationToken);

    private async Task<VerdictBook> CommitAsync(MonitoringDb db, List<(ImageJob Job, ModelOutcome Outcome, TimingMs Timing)> judged, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var groups = judged.GroupBy(j => (j.Job.RunId, j.Job.PlotTypeId)).OrderBy(g => g.Key.RunId).ThenBy(g => g.Key.PlotTypeId).ToList();
            // Locks in a fixed order, so two replicas with overlapping batches cannot deadlock.
            foreach (var group in groups)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({group.Key.RunId}, {group.Key.PlotTypeId})", cancellationToken);
            }

            var ids = judged.Select(j => j.Job.ImageId).ToList();
            var alreadyJudged = (await db.Verdicts.Where(v => ids.Contains(v.ImageId)).Select(v => v.ImageId).ToListAsync(cancellationToken)).ToHashSet();

            var book = new VerdictBook(db, settings.Judge, settings.Alarms.Webhooks);
            var judgedAt = DateTimeOffset.UtcNow;
            foreach (var group in groups)
            {
                var fresh = group.Where(j => !alreadyJudged.Contains(j.Job.ImageId)).ToList();
                if (fresh.Count > 0) await book.WriteAsync(fresh, judgedAt, cancellationToken);
            }
            // In the verdicts' transaction: an image is marked judged exactly when its verdict is stored.
            var judgedIds = book.Written.Select(w => w.Job.ImageId).ToList();
            await db.Images.Where(i => judgedIds.Contains(i.Id)).ExecuteUpdateAsync(set => set.SetProperty(i => i.JudgedAt, judgedAt), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return book;
        });
    }

    private async Task TellAsync(MonitoringDb db, VerdictBook book, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var views = book.Written.Select(w => VerdictViews.From(w.Verdict, w.Job)).ToList();
        await hotState.RememberAsync(views);
        foreach (var view in views) metrics.Classified(view.Classification);
        await events.PublishAsync(views.Select(v => (HydraEvent)new VerdictEvent(now, v)).ToList());
        foreach (var (alarm, job) in book.Raised)
        {
            metrics.AlarmRaised(alarm.Kind.ToString());
            var first = book.Written.FirstOrDefault(w => ReferenceEquals(w.Verdict.Alarm, alarm)).Verdict?.Id;
            await events.PublishAsync(new AlarmRaisedEvent(now, AlarmViews.From(alarm, job.RunNumber, job.PlotName, job.Detector, first)));
        }
        foreach (var (alarm, _) in book.Cleared)
        {
            var view = await AlarmViews.Views(db, db.Alarms.Where(a => a.Id == alarm.Id)).FirstAsync(cancellationToken);
            await events.PublishAsync(new AlarmClearedEvent(now, view));
        }
        if (book.Raised.Count > 0 || book.Cleared.Count > 0) notifier.Wake();
    }
}
