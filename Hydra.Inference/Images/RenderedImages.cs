using Microsoft.Extensions.Caching.Memory;

namespace Hydra.Inference.Images;

/// <summary>
/// Thumbnails and GradCAM overlays, rendered once per image and size. Every open Run page asks for
/// the same 95 new thumbnails at each chunk; without this a hundred pages would decode and resize
/// each plot a hundred times. An image id always means the same bytes, so an entry never goes
/// stale; the size limit only bounds memory (least recently used leave first).
/// </summary>
public sealed class RenderedImages : IDisposable
{
    public const long MaxBytes = 64L * 1024 * 1024;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    public async Task<byte[]?> GetOrRenderAsync(string kind, long imageId, int width, int height, Func<Task<byte[]?>> render)
    {
        var key = (kind, imageId, width, height);
        if (_cache.TryGetValue(key, out byte[]? cached)) return cached;
        var rendered = await render();
        if (rendered is not null) _cache.Set(key, rendered, new MemoryCacheEntryOptions { Size = rendered.Length });
        return rendered;
    }

    public void Dispose() => _cache.Dispose();
}
