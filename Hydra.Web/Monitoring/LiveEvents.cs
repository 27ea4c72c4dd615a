using System.Text.Json;
using Hydra.Core.Monitoring;
using StackExchange.Redis;

namespace Hydra.Web.Monitoring;

/// <summary>
/// Inference's events (Redis channel hydra:events) for every open page: one subscription per Web
/// process, fanned out in process, so a hundred open Run pages cost Redis one subscriber.
/// </summary>
public sealed class LiveEvents(IConnectionMultiplexer redis, ILogger<LiveEvents> logger) : IHostedService
{
    public event Action<HydraEvent>? Received;

    public DateTimeOffset? LastEventAt { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The multiplexer re-subscribes by itself after a Redis restart.
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(HydraStreams.EventsChannel), (_, message) =>
        {
            HydraEvent? hydraEvent;
            try { hydraEvent = JsonSerializer.Deserialize<HydraEvent>(message.ToString(), InferenceApi.Json); }
            catch (JsonException exception)
            {
                logger.LogWarning("Unreadable event ignored: {Reason}", exception.Message);
                return;
            }
            if (hydraEvent is not null) Deliver(hydraEvent);
        });
    }

    /// <summary>Hands an event to every open page (the Run page benchmark calls this without Redis).</summary>
    internal void Deliver(HydraEvent hydraEvent)
    {
        LastEventAt = DateTimeOffset.UtcNow;
        Received?.Invoke(hydraEvent);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
