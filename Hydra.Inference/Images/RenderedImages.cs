using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Hydra.Inference.Images;

/// <summary>
/// Thumbnails and GradCAM overlays, rendered once per image and size. Every open Run page asks for
/// the same 95 new thumbnails at each chunk; without this a hundred pages would decode and resize
/// each plot a hundred times. Pages asking at the same moment (every monitor in the counting house
/// redraws when a chunk lands) wait for one render instead of starting their own. An image id
/// always means the same bytes, so an entry never goes stale; the size limit only bounds memory
/// (least recently used leave first).
/// </summary>
public sealed class RenderedImages : IDisposable
{
    public const long MaxBytes = 64L * 1024 * 1024;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    // Lazy: GetOrAdd may call its factory twice in a race, but only the winner's render ever starts.
    private readonly ConcurrentDictionary<(string Kind, long ImageId, int Width, int Height), Lazy<Task<byte[]?>>> _rendering = new();

    public async Task<byte[]?> GetOrRenderAsync(string kind, long imageId, int width, int height, Func<Task<byte[]?>> render)
    {
        var key = (kind, imageId, width, height);
        if (_cache.TryGetValue(key, out byte[]? cached)) return cached;
        var shared = _rendering.GetOrAdd(key, k => new Lazy<Task<byte[]?>>(() => RenderAndKeepAsync(k, render)));
        try
        {
            return await shared.Value;
        }
        finally
        {
            // Only this render's entry: a failed or missing image is tried afresh by the next page.
            _rendering.TryRemove(KeyValuePair.Create(key, shared));
        }
    }

    private async Task<byte[]?> RenderAndKeepAsync((string, long, int, int) key, Func<Task<byte[]?>> render)
    {
        var rendered = await render();
        if (rendered is not null) _cache.Set(key, rendered, new MemoryCacheEntryOptions { Size = rendered.Length });
        return rendered;
    }

    public void Dispose() => _cache.Dispose();
}
