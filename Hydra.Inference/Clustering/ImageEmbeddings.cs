using Hydra.Inference.Data;
using Hydra.Models.Embeddings;
using Hydra.Models.Imaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Hydra.Inference.Clustering;

/// <summary>
/// ResNet18 embeddings of stored images (ADR-010), loaded on first use and cached in memory by
/// image id: an image's bytes never change (ingest is content-addressed), so an embedding never
/// goes stale. Not stored in PostgreSQL: there is no pgvector here, and recomputing is cheaper
/// than a migration every time the encoder changes.
/// </summary>
public sealed class ImageEmbeddings(ILogger<ImageEmbeddings> logger) : IDisposable
{
    /// <summary>512 floats each: 20,000 embeddings are ~40 MB.</summary>
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly Lazy<ResNet18Embedder> resnet = new(() => ResNet18Embedder.Load());

    public string EncoderName => "resnet18";

    /// <summary>The encoder itself, loaded once (about a second and 65 MB).</summary>
    public IImageEmbedder Encoder => resnet.Value;

    /// <summary>Embeddings of the given images; an image that cannot be read or decoded is left out.</summary>
    public async Task<Dictionary<long, float[]>> EmbedAsync(MonitoringDb db, IReadOnlyList<long> imageIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, float[]>(imageIds.Count);
        var missing = new List<long>();
        foreach (var id in imageIds)
        {
            if (cache.TryGetValue(id, out float[]? vector) && vector is not null) result[id] = vector;
            else missing.Add(id);
        }
        // A few images at a time, so a map of 2,000 never holds 2,000 PNGs in memory at once.
        foreach (var chunk in missing.Chunk(32))
        {
            var pngs = await db.ImageContents.Where(c => chunk.Contains(c.ImageId)).Select(c => new { c.ImageId, c.Png }).ToListAsync(cancellationToken);
            foreach (var png in pngs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var vector = Encoder.Embed([png.Png])[0];
                    cache.Set(png.ImageId, vector, new MemoryCacheEntryOptions { Size = 1 });
                    result[png.ImageId] = vector;
                }
                catch (ImageDecodeException exception)
                {
                    logger.LogWarning("Image {ImageId} cannot be embedded: {Reason}", png.ImageId, exception.Message);
                }
            }
        }
        return result;
    }

    public void Dispose()
    {
        cache.Dispose();
        if (resnet.IsValueCreated) resnet.Value.Dispose();
    }
}
