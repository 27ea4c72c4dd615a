using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hydra.Shared;

// Linked into each service that owns a database (Inference, Assistant), as eShop does with its
// MigrateDbContextExtensions: ServiceDefaults stays free of EF Core.

/// <summary>
/// Applies a DbContext's EF Core migrations in the background and keeps trying while the database
/// is unreachable, so a service started before PostgreSQL is ready recovers by itself instead of
/// crash-looping. Its health check stays Unhealthy, with the reason, until the schema is current:
/// the AppHost and Kubernetes route no traffic to a service whose tables do not exist yet.
/// </summary>
public static class DatabaseMigrations
{
    public static IServiceCollection AddMigrations<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddSingleton<MigrationProgress<TContext>>();
        services.AddHostedService<MigrationRunner<TContext>>();
        services.AddHealthChecks().AddCheck<MigrationHealthCheck<TContext>>($"{typeof(TContext).Name}-migrations");
        return services;
    }
}

/// <summary>Where the migration of one database stands; read by the health check.</summary>
public sealed class MigrationProgress<TContext> where TContext : DbContext
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _reason = "migrations not started yet";

    public bool Done => _completed.Task.IsCompleted;
    public string Reason => _reason;

    /// <summary>
    /// Completes when the schema is current. Background services wait on it rather than query
    /// tables that do not exist yet (and fill the log with errors at every start).
    /// </summary>
    public Task WhenDoneAsync(CancellationToken cancellationToken) => _completed.Task.WaitAsync(cancellationToken);

    public void Report(string reason) => _reason = reason;

    public void Complete(string reason)
    {
        _reason = reason;
        _completed.TrySetResult();
    }
}

internal sealed class MigrationRunner<TContext>(
    IServiceProvider services,
    MigrationProgress<TContext> progress,
    ILogger<MigrationRunner<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            using var activity = HydraTelemetry.ActivitySource.StartActivity($"migrate {typeof(TContext).Name}");
            try
            {
                progress.Report($"applying migrations (attempt {attempt})");
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(stoppingToken)).ToList();
                await db.Database.MigrateAsync(stoppingToken);
                var applied = (await db.Database.GetAppliedMigrationsAsync(stoppingToken)).Count();
                progress.Complete($"schema current: {applied} migrations applied, {pending.Count} of them just now");
                logger.LogInformation("{Context}: {Pending} migrations applied, schema current", typeof(TContext).Name, pending.Count);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                progress.Report($"migrations failed (attempt {attempt}), retrying in {delay.TotalSeconds:0}s: {ex.GetBaseException().Message}");
                logger.LogWarning(ex, "{Context}: migrations failed on attempt {Attempt}; retrying in {Delay}", typeof(TContext).Name, attempt, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancelling a retry delay at shutdown is normal, not a failure worth a stack trace.
        try { await base.StopAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }
}

internal sealed class MigrationHealthCheck<TContext>(MigrationProgress<TContext> progress) : IHealthCheck where TContext : DbContext
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(progress.Done ? HealthCheckResult.Healthy(progress.Reason) : HealthCheckResult.Unhealthy(progress.Reason));
}
