using System.Text.Json;
using Hydra.Core.Monitoring;
using StackExchange.Redis;

namespace Hydra.Inference.Tell;

/// <summary>
/// Each run's hot state in Redis: the latest verdict of every plot type, one hash field per plot,
/// so the Run page's first paint is one HGETALL. Rebuildable from PostgreSQL at any time.
/// </summary>
public sealed class RunStateCache(IConnectionMultiplexer redis, ILogger<RunStateCache> logger)
{
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

    public async Task RememberAsync(IEnumerable<VerdictView> verdicts)
    {
        try
        {
            var db = redis.GetDatabase();
            var newestRun = 0;
            // All at once: the multiplexer pipelines them, one round trip for the batch instead of one each.
            var writes = new List<Task>();
            foreach (var verdict in verdicts)
            {
                var state = JsonSerializer.Serialize(new PlotState(verdict.PlotName, verdict.Detector, verdict), HydraJson.Options);
                writes.Add(SetIfNewer.EvaluateAsync(db, new
                {
                    key = (RedisKey)HydraStreams.RunStateKey(verdict.RunNumber),
                    plot = verdict.PlotName,
                    chunk = verdict.Chunk,
                    state,
                }));
                newestRun = Math.Max(newestRun, verdict.RunNumber);
            }
            if (newestRun > 0) writes.Add(SetIfHigher.EvaluateAsync(db, new { key = (RedisKey)HydraStreams.CurrentRunKey, run = newestRun }));
            await Task.WhenAll(writes);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Hot run state not updated: {Reason}", exception.Message);
        }
    }

    /// <summary>The cached plot states of a run, or null when Redis has none (flushed, restarted) or is down.</summary>
    public async Task<IReadOnlyList<PlotState>?> TryGetAsync(int runNumber)
    {
        try
        {
            var entries = await redis.GetDatabase().HashGetAllAsync(HydraStreams.RunStateKey(runNumber));
            if (entries.Length == 0) return null;
            return entries.Select(e => JsonSerializer.Deserialize<PlotState>(e.Value.ToString(), HydraJson.Options)!).ToList();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or JsonException)
        {
            logger.LogWarning("Hot run state unreadable, reading PostgreSQL instead: {Reason}", exception.Message);
            return null;
        }
    }

    public async Task FillAsync(int runNumber, IEnumerable<PlotState> states)
    {
        try
        {
            var fields = states.Select(s => new HashEntry(s.PlotName, JsonSerializer.Serialize(s, HydraJson.Options))).ToArray();
            if (fields.Length > 0) await redis.GetDatabase().HashSetAsync(HydraStreams.RunStateKey(runNumber), fields);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Hot run state not refilled: {Reason}", exception.Message);
        }
    }
}
