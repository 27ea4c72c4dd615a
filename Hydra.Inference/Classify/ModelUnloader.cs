using Hydra.Inference.Data;
using Hydra.Inference.Pipeline;
using Hydra.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Classify;

/// <summary>
/// Unloads the model versions this replica loaded for an evaluation, a reference or an earlier
/// activation once no plot type has them active and nobody has used them for
/// <see cref="ClassifierOptions.UnloadIdleModelsAfter"/>. The active ones stay loaded: the next
/// image must not wait for a load.
/// </summary>
public sealed class ModelUnloader(
    MigrationProgress<MonitoringDb> migrations, IServiceScopeFactory scopes, ModelCatalog catalog, IOptionsMonitor<HydraOptions> options, ILogger<ModelUnloader> logger)
    : PeriodicWork(migrations, logger)
{
    protected override string Duty => "Model unload";

    // Often enough that an idle version goes soon after its time, never busier than once a second.
    protected override TimeSpan Interval => TimeSpan.FromTicks(Math.Clamp(Idle.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    private TimeSpan Idle => options.CurrentValue.Classifier.UnloadIdleModelsAfter;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (catalog.Loaded.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var active = await db.PlotTypes.Where(p => p.ActiveModelId != null).Select(p => p.ActiveModelId!.Value).ToListAsync(cancellationToken);
        catalog.UnloadIdle(active.ToHashSet(), Idle);
    }
}
