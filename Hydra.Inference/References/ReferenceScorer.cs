using Hydra.Core.Classifications;
using Hydra.Inference.Classify;
using Hydra.Inference.Clustering;
using Hydra.Inference.Data;
using Hydra.Inference.Pipeline;
using Hydra.Models.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Hydra.Inference.References;

/// <summary>
/// The Siamese reference similarity (ADR-010): one shared encoder embeds the new image and its
/// reference, and their cosine (0..1) says how alike they look. The encoder is the plot model's own
/// features when its model gives them (already computed with the verdict), ResNet18 otherwise. The
/// reference is an expert's choice when set, else the newest confirmed Good image of the same plot
/// type taken under the same run conditions (beam current, target, torus, solenoid): images of
/// another island look different while being Good, so comparing across islands would mislead.
/// </summary>
public sealed class ReferenceScorer(ModelCatalog models, ImageEmbeddings resnet, ILogger<ReferenceScorer> logger) : IDisposable
{
    /// <summary>
    /// An automatic choice, or its absence, is kept this long per (plot type, run): without it a plot
    /// type that never had a Good image (no model yet) would search its history for every new image.
    /// A confirmed Good written by this replica ends the absence at once (<see cref="GoodJudged"/>).
    /// </summary>
    private static readonly TimeSpan AutomaticFreshFor = TimeSpan.FromMinutes(1);

    /// <summary>An expert's choice is re-read this often; this replica's own set or clear applies at once.</summary>
    private static readonly TimeSpan ExpertFreshFor = TimeSpan.FromSeconds(5);

    /// <summary>"Recent" Good images: an automatic reference older than this is not looked for.</summary>
    public static readonly TimeSpan RecentFor = TimeSpan.FromDays(30);

    private sealed record Choice(long? ImageId);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>The similarity of a just-classified image to its reference; null when it has none or the comparison failed.</summary>
    public async Task<ReferenceScore?> ScoreAsync(MonitoringDb db, ImageJob job, ModelOutcome outcome, CancellationToken cancellationToken)
    {
        if (job.IsIgnored || outcome.Classification == VerdictOutcomes.ModelError) return null;
        try
        {
            if (await ChooseAsync(db, job.PlotTypeId, job.RunId, job.ImageId, cancellationToken) is not { } referenceId) return null;
            var (mine, theirs) = outcome is { Features: { } features, ModelId: { } modelId }
                ? (features, await ModelEmbeddingAsync(db, modelId, referenceId, cancellationToken))
                : await ResNetPairAsync(db, job.ImageId, referenceId, cancellationToken);
            return mine is null || theirs is null || mine.Length != theirs.Length
                ? null
                : new ReferenceScore(referenceId, Similarity.ZeroToOne(mine, theirs));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A similarity is extra information: its failure must not cost the image its verdict.
            logger.LogWarning("No reference similarity for image {ImageId} ({Plot} run {Run} chunk {Chunk}): {Reason}",
                job.ImageId, job.PlotName, job.RunNumber, job.Chunk, exception.Message);
            return null;
        }
    }

    /// <summary>The expert's reference of the plot type, else the automatic one for the run's conditions; never the image itself.</summary>
    public async Task<(long ImageId, bool ByExpert)?> ChooseWithSourceAsync(MonitoringDb db, int plotTypeId, int runId, long? excludeImageId, CancellationToken cancellationToken)
    {
        var expertKey = $"expert:{plotTypeId}";
        if (!cache.TryGetValue(expertKey, out Choice? expert) || expert is null)
        {
            expert = new Choice(await db.PlotReferences.Where(r => r.PlotTypeId == plotTypeId).Select(r => (long?)r.ImageId).FirstOrDefaultAsync(cancellationToken));
            cache.Set(expertKey, expert, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ExpertFreshFor });
        }
        if (expert.ImageId is { } chosen) return (chosen, true);

        var key = AutomaticKey(plotTypeId, runId);
        if (!cache.TryGetValue(key, out Choice? automatic) || automatic is null || automatic.ImageId == excludeImageId)
        {
            automatic = new Choice(await AutomaticAsync(db, plotTypeId, runId, excludeImageId, cancellationToken));
            cache.Set(key, automatic, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = AutomaticFreshFor });
        }
        return automatic.ImageId is { } id ? (id, false) : null;
    }

    /// <summary>A confirmed Good was just written for this (plot type, run): a cached "no reference" must not outlive it.</summary>
    public void GoodJudged(int plotTypeId, int runId)
    {
        if (cache.TryGetValue(AutomaticKey(plotTypeId, runId), out Choice? cached) && cached?.ImageId is null) cache.Remove(AutomaticKey(plotTypeId, runId));
    }

    private static string AutomaticKey(int plotTypeId, int runId) => $"auto:{plotTypeId}:{runId}";

    private async Task<long?> ChooseAsync(MonitoringDb db, int plotTypeId, int runId, long excludeImageId, CancellationToken cancellationToken) =>
        (await ChooseWithSourceAsync(db, plotTypeId, runId, excludeImageId, cancellationToken))?.ImageId;

    /// <summary>An expert set or cleared a reference: forget the automatic choices (this replica; others within a minute).</summary>
    public void ReferenceChanged() => cache.Compact(1.0);

    private static Task<long?> AutomaticAsync(MonitoringDb db, int plotTypeId, int runId, long? excludeImageId, CancellationToken cancellationToken)
    {
        var good = nameof(Classification.Good);
        var since = DateTimeOffset.UtcNow - RecentFor;
        var run = db.Runs.Where(r => r.Id == runId);
        // Good by the expert's label, or, for an unlabelled image, by a confirmed verdict; still holding its PNG.
        return db.Images
            .Where(i => i.PlotTypeId == plotTypeId && i.RecordedAt >= since && i.Id != excludeImageId && i.PrunedAt == null)
            .Where(i => run.Any(r => r.BeamCurrentNanoAmps == i.Run!.BeamCurrentNanoAmps && r.Target == i.Run.Target
                && r.TorusScale == i.Run.TorusScale && r.SolenoidScale == i.Run.SolenoidScale))
            .Where(i => db.Labels.Any(l => l.ImageId == i.Id && l.Classification == good)
                || (!db.Labels.Any(l => l.ImageId == i.Id) && db.Verdicts.Any(v => v.ImageId == i.Id && v.Confirmed && v.Classification == good)))
            .OrderByDescending(i => i.RecordedAt).ThenByDescending(i => i.Id)
            .Select(i => (long?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<float[]?> ModelEmbeddingAsync(MonitoringDb db, Guid modelId, long imageId, CancellationToken cancellationToken)
    {
        var key = $"model:{modelId}:{imageId}";
        if (cache.TryGetValue(key, out float[]? cached)) return cached;
        var png = await db.ImageContents.Where(c => c.ImageId == imageId).Select(c => c.Png).FirstOrDefaultAsync(cancellationToken);
        if (png is null) return null;
        using var lease = await models.LeaseAsync(db, modelId, cancellationToken);
        if (!lease.Model.HasFeatures) return null;
        var vector = lease.Model.EmbedPngs([png])[0];
        cache.Set(key, vector, new MemoryCacheEntryOptions { Size = 1 });
        return vector;
    }

    private async Task<(float[]?, float[]?)> ResNetPairAsync(MonitoringDb db, long imageId, long referenceId, CancellationToken cancellationToken)
    {
        var vectors = await resnet.EmbedAsync(db, [imageId, referenceId], cancellationToken);
        return (vectors.GetValueOrDefault(imageId), vectors.GetValueOrDefault(referenceId));
    }

    public void Dispose() => cache.Dispose();
}
