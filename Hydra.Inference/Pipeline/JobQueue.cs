using System.Globalization;
using Hydra.Core.Monitoring;
using StackExchange.Redis;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// The Redis stream of images waiting for a verdict, read by a consumer group so each job goes to
/// one worker, stays pending until acknowledged, and can be claimed from a worker that died.
/// A job is only an image id: the image itself is already safe in PostgreSQL.
/// </summary>
public sealed class JobQueue(IConnectionMultiplexer redis)
{
    private const string ImageField = "image";
    private const string EnqueuedField = "at";

    private IDatabase Db => redis.GetDatabase();

    public sealed record Job(RedisValue EntryId, long ImageId, DateTimeOffset EnqueuedAt);

    public async Task EnqueueAsync(long imageId)
    {
        await Db.StreamAddAsync(HydraStreams.IngestStream,
        [
            new NameValueEntry(ImageField, imageId),
            new NameValueEntry(EnqueuedField, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
        ]);
    }

    /// <summary>Creates the consumer group (and the stream) once; a backlog written before it exists is kept.</summary>
    public async Task EnsureGroupAsync()
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica, or an earlier start, made it already.
        }
    }

    /// <summary>Jobs left pending by a worker silent for <paramref name="idle"/>, now taken over by <paramref name="consumer"/>.</summary>
    public async Task<IReadOnlyList<Job>> ClaimAbandonedAsync(string consumer, TimeSpan idle, int count)
    {
        var result = await Db.StreamAutoClaimAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup, consumer,
            (long)idle.TotalMilliseconds, "0-0", count);
        if (result.IsNull) return [];
        // Entries trimmed from the stream while pending come back as ids only; forget them.
        if (result.DeletedIds.Length > 0) await AcknowledgeAsync(result.DeletedIds);
        return ToJobs(result.ClaimedEntries);
    }

    /// <summary>
    /// Removes the group's consumers that have been silent for <paramref name="silentFor"/> and hold
    /// no pending job: workers of replicas that are gone (every pod restart names new ones), which
    /// would otherwise pile up in the group for good. A consumer still holding jobs is left until
    /// <see cref="ClaimAbandonedAsync"/> has taken them; a live worker that was only idle is simply
    /// created again by its next read. <paramref name="keep"/> names consumers never to remove.
    /// Returns the names removed.
    /// </summary>
    public async Task<IReadOnlyList<string>> ForgetSilentConsumersAsync(TimeSpan silentFor, Func<string, bool>? keep = null)
    {
        var consumers = await Db.StreamConsumerInfoAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup);
        var forgotten = new List<string>();
        foreach (var consumer in consumers)
        {
            if (consumer.PendingMessageCount > 0 || consumer.IdleTimeInMilliseconds < silentFor.TotalMilliseconds) continue;
            if (keep?.Invoke(consumer.Name!) == true) continue;
            await Db.StreamDeleteConsumerAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup, consumer.Name);
            forgotten.Add(consumer.Name!);
        }
        return forgotten;
    }

    public async Task<IReadOnlyList<Job>> ReadNewAsync(string consumer, int count)
    {
        var entries = await Db.StreamReadGroupAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup, consumer, StreamPosition.NewMessages, count);
        return ToJobs(entries);
    }

    /// <summary>Done with these: acknowledged and deleted, so the stream holds only the backlog.</summary>
    public async Task AcknowledgeAsync(RedisValue[] entryIds)
    {
        if (entryIds.Length == 0) return;
        var transaction = Db.CreateTransaction();
        _ = transaction.StreamAcknowledgeAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup, entryIds);
        _ = transaction.StreamDeleteAsync(HydraStreams.IngestStream, entryIds);
        await transaction.ExecuteAsync();
    }

    /// <summary>Jobs not yet read by any worker, and jobs read but not yet acknowledged.</summary>
    public async Task<(long Waiting, long Pending)> LengthAsync()
    {
        var groups = await Db.StreamGroupInfoAsync(HydraStreams.IngestStream);
        var group = groups.FirstOrDefault(g => g.Name == HydraStreams.ClassifierGroup);
        var length = await Db.StreamLengthAsync(HydraStreams.IngestStream);
        return (Math.Max(0, length - group.PendingMessageCount), group.PendingMessageCount);
    }

    private static List<Job> ToJobs(StreamEntry[] entries)
    {
        var jobs = new List<Job>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.IsNull) continue;
            var image = entry[ImageField];
            var at = entry[EnqueuedField];
            jobs.Add(new Job(entry.Id,
                image.TryParse(out long id) ? id : -1,
                at.TryParse(out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UtcNow));
        }
        return jobs;
    }
}
