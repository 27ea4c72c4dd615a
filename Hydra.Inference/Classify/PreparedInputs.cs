using System.Collections.Concurrent;
using Hydra.Models;

namespace Hydra.Inference.Classify;

/// <summary>
/// Model inputs prepared at ingest, waiting for the classifier of this replica. Ingest must decode
/// every PNG anyway to refuse a corrupt one; keeping the resized tensor it can make on the way
/// saves the classifier a second decode, the most expensive step of an image's path (README, the
/// pipeline's figures). Only a shortcut: a job read by another replica, a model whose input shape
/// changed, or an entry dropped for memory falls back to decoding the stored PNG.
/// </summary>
public sealed class PreparedInputs
{
    /// <summary>Enough for a few minutes of backlog at full rate; beyond it ingest stops preparing (classify decodes).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Older entries were read by another replica (or their job was lost): no one here will take them.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<long, Prepared> _inputs = new();
    private long _bytes;

    private sealed record Prepared(ImageShape Shape, float[] Tensor, DateTimeOffset At);

    public int Count => _inputs.Count;

    public void Put(long imageId, ImageShape shape, float[] tensor)
    {
        var size = (long)tensor.Length * sizeof(float);
        if (Interlocked.Read(ref _bytes) + size > MaxBytes && DropAbandoned() + size > MaxBytes) return;
        if (_inputs.TryAdd(imageId, new Prepared(shape, tensor, DateTimeOffset.UtcNow))) Interlocked.Add(ref _bytes, size);
    }

    /// <summary>The prepared tensor of an image, if it was made for <paramref name="shape"/>; taken out either way.</summary>
    public float[]? Take(long imageId, ImageShape shape)
    {
        if (!_inputs.TryRemove(imageId, out var prepared)) return null;
        Interlocked.Add(ref _bytes, -(long)prepared.Tensor.Length * sizeof(float));
        return prepared.Shape == shape ? prepared.Tensor : null;
    }

    private long DropAbandoned()
    {
        var before = DateTimeOffset.UtcNow - Abandoned;
        foreach (var (id, prepared) in _inputs)
        {
            if (prepared.At < before) Take(id, prepared.Shape);
        }
        return Interlocked.Read(ref _bytes);
    }
}
