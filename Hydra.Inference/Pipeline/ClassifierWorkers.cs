using Hydra.Shared;
using Hydra.Inference.Classify;
using Hydra.Inference.Data;
using Hydra.Inference.Models;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// Step 2's loops: each worker first takes over jobs a dead worker left pending, then reads new
/// ones, processes the batch and acknowledges it only after the commit. A crash between commit and
/// acknowledgement re-delivers jobs whose verdicts exist; the processor skips them.
/// </summary>
public sealed class ClassifierWorkers(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    ModelCatalog models,
    DefaultModelsReady defaults,
    JobQueue queue,
    BatchProcessor processor,
    IOptionsMonitor<HydraOptions> options,
    ILogger<ClassifierWorkers> logger) : BackgroundService
{
    /// <summary>Unique per process and worker, so Redis can tell whose pending jobs were abandoned.</summary>
    private readonly string _replica = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDoneAsync(stoppingToken);
        // Images that arrive meanwhile wait in the queue, to be judged by the shipped models.
        if (!await defaults.WaitAsync(options.CurrentValue.DefaultModels.WaitAtStart, stoppingToken))
        {
            logger.LogWarning("Default models still not installed after {Limit}; judging with the models already active", options.CurrentValue.DefaultModels.WaitAtStart);
        }
        await PreloadModelsAsync(stoppingToken);
        var workers = Math.Max(1, options.CurrentValue.Classifier.Workers);
        await Task.WhenAll(Enumerable.Range(1, workers).Select(n => RunWorkerAsync($"{_replica}-w{n}", tidiesGroup: n == 1, stoppingToken)));
    }

    private async Task PreloadModelsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await models.PreloadActiveAsync(scope.ServiceProvider.GetRequiredService<MonitoringDb>(), stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may not be migrated yet; models then load with their first batch.
            logger.LogInformation("Models not preloaded ({Reason}); they load with their first images", exception.Message);
        }
    }

    /// <summary>
    /// Workers of stopped replicas stay in the consumer group under their names; once silent for
    /// ten times ClaimAfter with nothing pending (their jobs taken over), they are removed. Redis
    /// 7.0 counts silence from the last job delivered, so an idle live replica's workers may go
    /// too; they rejoin with their next read. This replica's own workers are never removed.
    /// </summary>
    private async Task ForgetGoneWorkersAsync(string consumer, TimeSpan claimAfter)
    {
        var forgotten = await queue.ForgetSilentConsumersAsync(claimAfter * 10, keep: name => name.StartsWith(_replica, StringComparison.Ordinal));
        if (forgotten.Count > 0) logger.LogInformation("{Consumer} removed {Count} silent workers with no pending jobs from the queue: {Names}", consumer, forgotten.Count, string.Join(", ", forgotten));
    }

    /// <param name="tidiesGroup">One worker per replica removes gone workers: the scan is per group, not per worker.</param>
    private async Task RunWorkerAsync(string consumer, bool tidiesGroup, CancellationToken stoppingToken)
    {
        var groupReady = false;
        var failures = 0;
        var nextClaimCheck = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue.Classifier;
            try
            {
                if (!groupReady)
                {
                    await queue.EnsureGroupAsync();
                    groupReady = true;
                }

                // A job counts as abandoned only after ClaimAfter of silence, so looking for such
                // jobs before every batch (a scan of the pending list, one more round trip) buys
                // nothing; every half of ClaimAfter takes them over within 1.5 x ClaimAfter.
                IReadOnlyList<JobQueue.Job> jobs = [];
                if (Environment.TickCount64 >= nextClaimCheck)
                {
                    jobs = await queue.ClaimAbandonedAsync(consumer, settings.ClaimAfter, settings.BatchSize);
                    // After a take-over, look again next time: more may have been left behind.
                    if (jobs.Count > 0) logger.LogInformation("{Consumer} took over {Count} jobs left pending by a silent worker", consumer, jobs.Count);
                    else
                    {
                        nextClaimCheck = Environment.TickCount64 + (long)(settings.ClaimAfter.TotalMilliseconds / 2);
                        if (tidiesGroup) await ForgetGoneWorkersAsync(consumer, settings.ClaimAfter);
                    }
                }
                if (jobs.Count == 0) jobs = await queue.ReadNewAsync(consumer, settings.BatchSize);

                if (jobs.Count == 0)
                {
                    await Task.Delay(settings.IdlePoll, stoppingToken);
                    continue;
                }

                await processor.ProcessAsync(jobs, stoppingToken);
                await queue.AcknowledgeAsync(jobs.Select(j => j.EntryId).ToArray());
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Redis or PostgreSQL away: the jobs stay pending and come back, to us or to another
                // worker. Back off so a long outage is a log line every 30 s, not a busy loop.
                failures++;
                if (exception is RedisException) groupReady = false;
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 7))));
                logger.LogWarning("{Consumer} failed a batch ({Reason}); retrying in {Delay}", consumer, exception.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
