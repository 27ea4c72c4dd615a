using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Models.Clustering;
using Hydra.Models.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Hydra.Inference.Clustering;

/// <summary>What a cluster map is drawn from: a plot type's newest images, optionally within a run range.</summary>
public sealed record ClusterRequest(string PlotName, int K, int Limit, int? FromRun, int? ToRun);

/// <summary>
/// Draws cluster maps: embeddings (cached per image) -> unit length (so distance ranks as cosine)
/// -> k-means and t-SNE. The geometry is cached for the exact set of images and k, so a page that
/// reloads or changes its colouring costs a query, not a t-SNE; labels and verdicts are read fresh
/// every time because experts change them while looking at the map.
/// </summary>
public sealed class ClusterMaps(ImageEmbeddings embeddings, TimeProvider clock)
{
    public const int MaxK = 20;
    public const int MaxImages = 2000;
    public const int DefaultImages = 500;

    private readonly MemoryCache geometry = new(new MemoryCacheOptions { SizeLimit = 64 });
    // One map at a time: t-SNE is O(n²) and two at once would only halve each other's speed.
    private readonly SemaphoreSlim drawing = new(1, 1);

    public async Task<ClusterMap> DrawAsync(MonitoringDb db, ClusterRequest request, CancellationToken cancellationToken)
    {
        var images = db.Images.Where(i => i.PlotType!.Name == request.PlotName);
        if (request.FromRun is { } from) images = images.Where(i => i.Run!.RunNumber >= from);
        if (request.ToRun is { } to) images = images.Where(i => i.Run!.RunNumber <= to);
        var rows = await images.OrderByDescending(i => i.RecordedAt).ThenByDescending(i => i.Id).Take(request.Limit)
            .Select(i => new
            {
                i.Id, i.Run!.RunNumber, i.Chunk, i.RecordedAt,
                Conditions = new RunConditionsView(i.Run.BeamCurrentNanoAmps, i.Run.Target, i.Run.TorusScale, i.Run.SolenoidScale, i.Run.RunPeriod!.Name),
                Label = db.Labels.Where(l => l.ImageId == i.Id).Select(l => l.Classification).FirstOrDefault(),
                Verdict = db.Verdicts.Where(v => v.ImageId == i.Id).Select(v => v.Classification).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        rows.Reverse(); // oldest first: a stable order for the seeded k-means and t-SNE

        var ids = rows.Select(r => r.Id).ToList();
        var key = $"{request.K}:{string.Join(',', ids)}";
        if (!geometry.TryGetValue(key, out Dictionary<long, (float X, float Y, int Cluster)>? placed) || placed is null)
        {
            await drawing.WaitAsync(cancellationToken);
            try
            {
                if (!geometry.TryGetValue(key, out placed) || placed is null)
                {
                    // Not cancelled when the caller gives up: a first map of hundreds of images can
                    // outlast a client's timeout, and finishing it means the reload finds it cached.
                    placed = await PlaceAsync(db, ids, request.K, CancellationToken.None);
                    geometry.Set(key, placed, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
                }
            }
            finally
            {
                drawing.Release();
            }
        }

        var points = rows.Where(r => placed.ContainsKey(r.Id)).Select(r =>
        {
            var (x, y, cluster) = placed[r.Id];
            return new ClusterPoint(r.Id, x, y, cluster, r.RunNumber, r.Chunk, r.Conditions, r.Label, r.Verdict, r.RecordedAt);
        }).ToList();
        return new ClusterMap(request.PlotName, embeddings.EncoderName, Math.Min(request.K, points.Count), points, clock.GetUtcNow());
    }

    private async Task<Dictionary<long, (float X, float Y, int Cluster)>> PlaceAsync(MonitoringDb db, List<long> ids, int k, CancellationToken cancellationToken)
    {
        var vectors = await embeddings.EmbedAsync(db, ids, cancellationToken);
        var embedded = ids.Where(vectors.ContainsKey).ToList();
        if (embedded.Count == 0) return [];
        var unit = embedded.Select(id => Similarity.Normalized(vectors[id])).ToList();
        var clusters = KMeans.Fit(unit, Math.Min(k, unit.Count), seed: 12).Assignments;
        var map = Tsne.Embed(unit, perplexity: 30, iterations: 600, seed: 12);
        return embedded.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => (map[x.i].X, map[x.i].Y, clusters[x.i]));
    }
}
