using Hydra.Inference.Data;
using Hydra.Shared;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// A duty done every interval once the schema exists (the backlog sweep, the watchdog, retention).
/// A failed pass (the database or Redis away) is logged and simply tried again at the next one:
/// these duties catch up by design, so a restart of either server needs nobody.
/// </summary>
public abstract class PeriodicWork(MigrationProgress<MonitoringDb> migrations, ILogger logger) : BackgroundService
{
    /// <summary>What the log line calls it: "Backlog sweep", "Watchdog check".</summary>
    protected abstract string Duty { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDoneAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning("{Duty} skipped: {Reason}", Duty, exception.Message);
            }
            await Task.Delay(Interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
