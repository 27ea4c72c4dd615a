using Hydra.Core.Monitoring;
using Hydra.Inference.Pipeline;
using StackExchange.Redis;

namespace Hydra.Inference.Tests;

/// <summary>
/// Every replica restart names new workers in the classifier group; the queue forgets the ones
/// that went silent with nothing pending, and keeps those whose jobs still wait for a take-over.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class QueueConsumerTests(LocalServersFixture servers)
{
    [Fact]
    public async Task Silent_workers_without_pending_jobs_are_forgotten_and_the_others_kept()
    {
        await servers.FlushRedisAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        var queue = new JobQueue(redis);
        await queue.EnsureGroupAsync();
        foreach (var image in new long[] { 1, 2, 3 }) await queue.EnqueueAsync(image);

        var done = await queue.ReadNewAsync("stopped-pod-w1", 1);
        await queue.AcknowledgeAsync([.. done.Select(j => j.EntryId)]); // finished its job, then the pod went away
        Assert.Single(await queue.ReadNewAsync("crashed-pod-w1", 1));     // died holding a job
        await Task.Delay(300);
        var recent = await queue.ReadNewAsync("live-w1", 1);                 // busy, so not silent
        await queue.AcknowledgeAsync([.. recent.Select(j => j.EntryId)]);

        var forgotten = await queue.ForgetSilentConsumersAsync(TimeSpan.FromMilliseconds(250));

        Assert.Equal(["stopped-pod-w1"], forgotten);
        var left = await redis.GetDatabase().StreamConsumerInfoAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup);
        Assert.Equal(["crashed-pod-w1", "live-w1"], left.Select(c => c.Name.ToString()).Order());

        // A replica never removes its own workers, however long they have been idle.
        await Task.Delay(300);
        Assert.Empty(await queue.ForgetSilentConsumersAsync(TimeSpan.FromMilliseconds(250), keep: name => name == "live-w1"));
        Assert.Equal(["live-w1"], await queue.ForgetSilentConsumersAsync(TimeSpan.FromMilliseconds(250)));
    }
}
