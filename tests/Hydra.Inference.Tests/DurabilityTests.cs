using Hydra.Core.Monitoring;

namespace Hydra.Inference.Tests;

/// <summary>
/// Nothing accepted is lost: a replica stopped mid-stream, two replicas sharing the stream, and
/// Redis gone while images keep arriving.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class DurabilityTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "DC_occupancyNorm_s1";

    [Fact]
    public async Task A_replica_stopped_mid_stream_loses_nothing_and_a_new_one_finishes_the_work()
    {
        // A slow-to-start second look: one-image batches so the first replica is mid-stream when it stops.
        var (first, client) = await StartReplicaAsync(s => s["Hydra:Classifier:BatchSize"] = "1");
        var accepted = new List<ImageAccepted>();
        for (var i = 1; i <= 40; i++) accepted.Add(await PostImageAsync(TestPngs.Grey(50, salt: i), 6100, Plot, i, client: client));
        await first.DisposeAsync();
        await Host.DisposeAsync();

        var (_, survivor) = await StartReplicaAsync();
        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM verdicts") == 40, "every image judged", TimeSpan.FromSeconds(60));

        Assert.Equal(40, await ScalarAsync("SELECT count(*) FROM images"));
        Assert.Equal(40, await ScalarAsync("SELECT count(DISTINCT image_id) FROM verdicts"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images i WHERE NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.image_id = i.id)"));
        var state = Deserialize<RunState>(await survivor.GetStringAsync("/api/v1/runs/6100"));
        Assert.Equal(40, Assert.Single(state.Plots).Latest.Chunk);
    }

    [Fact]
    public async Task Two_replicas_share_the_stream_with_one_verdict_per_image()
    {
        var (_, second) = await StartReplicaAsync();
        var uploads = Enumerable.Range(1, 60).Select(i => PostImageAsync(TestPngs.Grey(70, salt: i), 6200 + i % 3, Plot, i, client: i % 2 == 0 ? Api : second));
        await Task.WhenAll(uploads);

        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM verdicts") >= 60, "every image judged");
        await Task.Delay(500); // a duplicate would show up now
        Assert.Equal(60, await ScalarAsync("SELECT count(*) FROM verdicts"));
        Assert.Equal(60, await ScalarAsync("SELECT count(DISTINCT image_id) FROM verdicts"));
        // Each (run, plot type) has exactly one open episode however the replicas interleaved.
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM episodes WHERE ended_at IS NULL"));
        Assert.Equal(60, await ScalarAsync("SELECT sum(image_count) FROM episodes"));
    }

    [Fact]
    public async Task With_Redis_down_ingest_keeps_accepting_and_the_pipeline_catches_up_when_it_returns()
    {
        var before = await PostImageAsync(TestPngs.Grey(20, salt: 1), 6300, Plot, 1);
        await WaitForVerdictAsync(before.ImageId);

        await Servers.StopRedisAsync();
        try
        {
            var during = new List<ImageAccepted>();
            for (var i = 2; i <= 6; i++) during.Add(await PostImageAsync(TestPngs.Grey(20, salt: i), 6300, Plot, i));
            Assert.All(during, a => Assert.False(a.Queued, "queued although Redis is down"));
            Assert.Equal(6, await ScalarAsync("SELECT count(*) FROM images"));
        }
        finally
        {
            await Servers.StartRedisAsync();
        }

        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM verdicts") == 6, "the backlog to be judged", TimeSpan.FromSeconds(60));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images WHERE enqueued_at IS NULL"));
    }
}
