using System.Text.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Runs;
using StackExchange.Redis;

namespace Hydra.Inference.Tell;

/// <summary>
/// Publishes <see cref="HydraEvent"/>s on Redis pub/sub after their commit. Events are a courtesy
/// to open pages, not the record: if Redis is down the event is dropped (logged) and pages catch
/// up from the API when they reconnect.
/// </summary>
public sealed class EventPublisher(IConnectionMultiplexer redis, ILogger<EventPublisher> logger)
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(HydraStreams.EventsChannel);

    public Task PublishAsync(HydraEvent hydraEvent) => PublishAsync([hydraEvent]);

    /// <summary>Publishes in order, pipelined: one round trip for a batch's events.</summary>
    public async Task PublishAsync(IReadOnlyList<HydraEvent> hydraEvents)
    {
        if (hydraEvents.Count == 0) return;
        try
        {
            var subscriber = redis.GetSubscriber();
            await Task.WhenAll(hydraEvents.Select(e => subscriber.PublishAsync(Channel, JsonSerializer.Serialize(e, HydraJson.Options))));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("{Count} events not published: {Reason}", hydraEvents.Count, exception.Message);
        }
    }

    public async Task RunsChangedAsync(MonitoringDb db, IReadOnlyCollection<int> runNumbers, CancellationToken cancellationToken)
    {
        var views = await RunQueries.ViewsAsync(db, runNumbers, cancellationToken);
        foreach (var view in views) await PublishAsync(new RunChangedEvent(DateTimeOffset.UtcNow, view));
    }
}
