using System.Numerics.Tensors;
using Hydra.Assistant.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Assistant.Logbook;

/// <summary>
/// The semantic half of logbook search: every entry's embedding in one contiguous array, scanned
/// with SIMD dot products (100,000 entries x 384 floats is ~150 MB and a few milliseconds per
/// query). Written by hand because this PostgreSQL has no pgvector (ADR-008). Entries are only
/// ever added, so before each search the index reads the rows above the highest id it holds:
/// an import through another replica shows up at the next search.
/// </summary>
public sealed class LogbookVectorIndex
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new();
    private float[] _vectors = new float[TextEmbedder.Dimensions * 1024];
    private long[] _ids = new long[1024];
    private int _count;
    private long _highestId;

    public int Count => _count;

    public async Task RefreshAsync(AssistantDb db, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var from = _highestId;
                var batch = await db.LogbookEntries.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id).Take(5000)
                    .Select(e => new { e.Id, e.Embedding }).ToListAsync(cancellationToken);
                if (batch.Count == 0) return;
                Add(batch.Select(e => (e.Id, e.Embedding)));
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Add(IEnumerable<(long Id, float[] Embedding)> entries)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var (id, embedding) in entries)
            {
                if (id <= _highestId) continue;
                _highestId = id;
                if (embedding.Length != TextEmbedder.Dimensions) continue;
                if (_count == _ids.Length)
                {
                    Array.Resize(ref _ids, _ids.Length * 2);
                    Array.Resize(ref _vectors, _vectors.Length * 2);
                }
                embedding.CopyTo(_vectors, _count * TextEmbedder.Dimensions);
                _ids[_count++] = id;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Entries per parallel slice: below this one core is faster than handing work out.</summary>
    private const int SliceSize = 16_384;

    /// <summary>The ids of the <paramref name="limit"/> entries closest to the query (cosine), best first.</summary>
    public IReadOnlyList<(long Id, float Score)> Nearest(float[] query, int limit, Func<long, bool>? where = null)
    {
        _lock.EnterReadLock();
        try
        {
            var slices = (_count + SliceSize - 1) / SliceSize;
            var partial = new List<(long, float)>[slices];
            Parallel.For(0, slices, slice => partial[slice] = Best(query, limit, where, slice * SliceSize, Math.Min(_count, (slice + 1) * SliceSize)));
            return [.. partial.SelectMany(p => p).OrderByDescending(p => p.Item2).Take(limit)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<(long, float)> Best(float[] query, int limit, Func<long, bool>? where, int from, int to)
    {
        // A bounded min-heap keeps the best `limit` without sorting every score.
        var best = new PriorityQueue<long, float>(limit + 1);
        var vectors = _vectors.AsSpan();
        for (var i = from; i < to; i++)
        {
            if (where is not null && !where(_ids[i])) continue;
            var score = TensorPrimitives.Dot(vectors.Slice(i * TextEmbedder.Dimensions, TextEmbedder.Dimensions), query);
            if (best.Count < limit) best.Enqueue(_ids[i], score);
            else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(_ids[i], score);
        }
        var result = new List<(long, float)>(best.Count);
        while (best.TryDequeue(out var id, out var score)) result.Add((id, score));
        return result;
    }
}
