using System.Collections.Concurrent;
using System.Text.Json;
using Hydra.Core.Monitoring;
using StackExchange.Redis;

namespace Hydra.Inference.Tell;

/// <summary>
/// Each run's hot state in Redis: the latest verdict of every plot type, one hash field per plot,
/// so the Run page's first paint is one HGETALL. Rebuildable from PostgreSQL at any time. A hash
/// is trusted only once it was filled from PostgreSQL (its <see cref="CompleteField"/>): after
/// Redis comes back empty, the verdicts written since would otherwise be the whole run. A verdict
/// whose write failed (Redis away for a moment, its data kept) withdraws that mark as soon as
/// Redis answers again, so the run is read from PostgreSQL once instead of showing the chunk before.
/// </summary>
public sealed class RunStateCache(IConnectionMultiplexer redis, ILogger<RunStateCache> logger)
{
    /// <summary>Present once a run's hash holds every plot type (filled from PostgreSQL); not a plot name.</summary>
    public const string CompleteField = "~complete";

    // Runs whose hot state missed a verdict here; their hash stops being trusted at the next chance.
    private readonly ConcurrentDictionary<int, byte> _missed = new();

    /// <summary>Runs whose hot state missed a verdict here and will be read from PostgreSQL once Redis answers.</summary>
    public IReadOnlyCollection<int> RunsToRefill => [.. _missed.Keys];

    // Keep the newer chunk when two workers finish the same plot's chunks out of order.
    private static readonly LuaScript SetIfNewer = LuaScript.Prepare(
        """
        local current = redis.call('HGET', @key, @plot)
        if current then
          local latest = cjson.decode(current)['latest']
          if latest and tonumber(latest['chunk']) > tonumber(@chunk) then return 0 end
        end
        redis.call('HSET', @key, @plot, @state)
        return 1
        """);

    // The current run only moves forward: a late batch of an earlier run (its last chunks committing
    // after the next run began, or another source's older run) must not turn every Run page back.
    // PostgreSQL's answer when Redis is empty is the newest open run as well (RunStates).
    private static readonly LuaScript SetIfHigher = LuaScript.Prepare(
        """
        local current = tonumber(redis.call('GET', @key))
        if current and current >= tonumber(@run) then return 0 end
        redis.call('SET', @key, @run)
        return 1
        """);

    public async Task RememberAsync(IReadOnlyList<VerdictView> verdicts)
    {
        try
        {
            var db = redis.GetDatabase();
            await DistrustMissedAsync(db);
            var newestRun = 0;
            // All at once: the multiplexer pipelines them, one round trip for the batch instead of one each.
            var writes = new List<Task>();
            foreach (var verdict in verdicts)
            {
                writes.Add(WriteIfNewerAsync(db, verdict.RunNumber, new PlotState(verdict.PlotName, verdict.Detector, verdict)));
                newestRun = Math.Max(newestRun, verdict.RunNumber);
            }
            if (newestRun > 0) writes.Add(SetIfHigher.EvaluateAsync(db, new { key = (RedisKey)HydraStreams.CurrentRunKey, run = newestRun }));
            await Task.WhenAll(writes);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            foreach (var verdict in verdicts) _missed[verdict.RunNumber] = 0;
            logger.LogWarning("Hot run state not updated: {Reason}", exception.Message);
        }
    }

    /// <summary>The cached plot states of a run, or null when Redis has no complete set (flushed, restarted, a write missed) or is down.</summary>
    public async Task<IReadOnlyList<PlotState>?> TryGetAsync(int runNumber)
    {
        try
        {
            var db = redis.GetDatabase();
            await DistrustMissedAsync(db);
            var entries = await db.HashGetAllAsync(HydraStreams.RunStateKey(runNumber));
            if (!entries.Any(e => e.Name == CompleteField)) return null;
            return entries.Where(e => e.Name != CompleteField).Select(e => JsonSerializer.Deserialize<PlotState>(e.Value.ToString(), HydraJson.Options)!).ToList();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or JsonException)
        {
            logger.LogWarning("Hot run state unreadable, reading PostgreSQL instead: {Reason}", exception.Message);
            return null;
        }
    }

    /// <summary>
    /// Puts a run's states read from PostgreSQL into Redis and marks the hash complete. Each state is
    /// written only if it is not older than what is there: a verdict committed after the read has
    /// already written its newer chunk, and must not be turned back.
    /// </summary>
    public async Task FillAsync(int runNumber, IEnumerable<PlotState> states)
    {
        try
        {
            var db = redis.GetDatabase();
            await Task.WhenAll(states.Select(state => WriteIfNewerAsync(db, runNumber, state)));
            await db.HashSetAsync(HydraStreams.RunStateKey(runNumber), CompleteField, 1);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Hot run state not refilled: {Reason}", exception.Message);
        }
    }

    /// <summary>Writes one plot's state unless the hash already holds a later chunk of it.</summary>
    private static Task WriteIfNewerAsync(IDatabase db, int runNumber, PlotState state) =>
        SetIfNewer.EvaluateAsync(db, new
        {
            key = (RedisKey)HydraStreams.RunStateKey(runNumber),
            plot = state.PlotName,
            chunk = state.Latest.Chunk,
            state = JsonSerializer.Serialize(state, HydraJson.Options),
        });

    /// <summary>Withdraws the complete mark of every run a failed write left behind, so its next reader refills it.</summary>
    private async Task DistrustMissedAsync(IDatabase db)
    {
        // Every batch passes here: nothing to allocate or ask Redis while no write was missed.
        if (_missed.IsEmpty) return;
        foreach (var run in _missed.Keys)
        {
            if (!_missed.TryRemove(run, out _)) continue;
            try
            {
                await db.HashDeleteAsync(HydraStreams.RunStateKey(run), CompleteField);
            }
            catch
            {
                _missed[run] = 0;
                throw;
            }
        }
    }
}
