using Hydra.Shared;
using Hydra.Inference.Data;
using Hydra.Inference.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Images;

/// <summary>
/// Keeps the database from growing without bound (15,000 images a day): after
/// <see cref="RetentionOptions.KeepImagesFor"/> the PNG of an image nobody needs is deleted. Kept
/// for ever: labelled images (training data), images whose verdict was part of an alarm (evidence),
/// and the random collected share (fresh images to label). The image row and its verdict stay, so
/// timelines and statistics never lose history.
/// </summary>
public sealed class RetentionSweeper(
    MigrationProgress<MonitoringDb> migrations, IServiceScopeFactory scopes, IOptionsMonitor<HydraOptions> options, TimeProvider clock, ILogger<RetentionSweeper> logger) : PeriodicWork(migrations, logger)
{
    private const int BatchSize = 1000;

    protected override string Duty => "Retention sweep";

    protected override TimeSpan Interval => options.CurrentValue.Retention.SweepInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        int pruned;
        do { pruned = await PruneAsync(cancellationToken); } while (pruned == BatchSize);
    }

    /// <summary>Prunes one batch; returns how many images lost their PNG.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.CurrentValue.Retention.KeepImagesFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var pruned = await db.Database.ExecuteSqlAsync(
            $"""
            WITH doomed AS (
                SELECT i.id FROM images i
                WHERE i.pruned_at IS NULL AND i.received_at < {cutoff} AND NOT i.is_collected
                  AND EXISTS (SELECT 1 FROM verdicts v WHERE v.image_id = i.id AND v.alarm_id IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM image_labels l WHERE l.image_id = i.id)
                  AND NOT EXISTS (SELECT 1 FROM plot_references r WHERE r.image_id = i.id)
                ORDER BY i.id LIMIT {BatchSize}),
            gone AS (DELETE FROM image_contents c USING doomed d WHERE c.image_id = d.id)
            UPDATE images SET pruned_at = {now} WHERE id IN (SELECT id FROM doomed)
            """, cancellationToken);
        if (pruned > 0) logger.LogInformation("Retention removed the PNGs of {Count} images older than {Cutoff:u}", pruned, cutoff);
        return pruned;
    }
}
