using Hydra.Core.Monitoring;
using Npgsql;
using StackExchange.Redis;

namespace Hydra.Inference.Tests;

/// <summary>
/// A replica killed (SIGKILL, its own process) while it holds jobs read but not yet committed:
/// the surviving replica claims them and every image ends with exactly one verdict.
/// DurabilityTests covers the polite variant (replicas disposed) and two replicas sharing work.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ReplicaKillTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "FTOF_occupancy_s1";
    private const int Run = 6500;
    private const int Images = 20;

    // The in-process replica (the survivor) reads one job per worker, so the victim reads most of
    // them; jobs are claimed from a silent worker after 5 s, longer than the victim needs to read.
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hydra:Classifier:BatchSize"] = "1";
        settings["Hydra:Classifier:ClaimAfter"] = "00:00:05";
    }

    [Fact]
    public async Task A_killed_replicas_pending_jobs_are_claimed_by_the_survivor_with_one_verdict_each()
    {
        await using var victim = await InferenceProcess.StartAsync(ReplicaSettings(s => s["Hydra:Classifier:BatchSize"] = "32"));
        var first = await PostImageAsync(TestPngs.Grey(40, salt: 0), Run, Plot, 0, client: victim.Client);
        await WaitForVerdictAsync(first.ImageId);

        // Hold the (run, plot type) lock every commit of this plot takes (ADR-005): workers on both
        // replicas read their jobs and then wait, so the victim dies holding them read-but-pending.
        await using var blocker = new NpgsqlConnection(DatabaseConnectionString);
        await blocker.OpenAsync();
        await using (var lockCommand = new NpgsqlCommand(
            $"SELECT pg_advisory_lock(run_id, plot_type_id) FROM images WHERE id = {first.ImageId}", blocker))
        {
            await lockCommand.ExecuteScalarAsync();
        }

        // All at once, so a victim worker's next read takes many: each worker holds one batch while it waits.
        await Task.WhenAll(Enumerable.Range(1, Images).Select(chunk => PostImageAsync(TestPngs.Grey(40, salt: chunk), Run, Plot, chunk, client: victim.Client)));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString);
        var stream = redis.GetDatabase();
        var victimPrefix = $"-{victim.ProcessId}-";
        long victimPending = 0;
        await WaitUntilAsync(async () =>
        {
            var pending = await stream.StreamPendingAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup);
            victimPending = pending.Consumers.Where(c => c.Name.ToString().Contains(victimPrefix)).Sum(c => (long)c.PendingMessageCount);
            return victimPending > 0;
        }, "the victim to hold jobs");

        await victim.KillAsync();
        Assert.True(victim.HasExited);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM verdicts")); // the lock held every commit back
        await blocker.CloseAsync(); // the lock goes with the session

        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM verdicts") == Images + 1,
            $"the survivor to judge the {victimPending} jobs the victim held", TimeSpan.FromSeconds(60));
        await WaitUntilAsync(async () => (await stream.StreamPendingAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup)).PendingMessageCount == 0,
            "the claimed jobs to be acknowledged");

        await Task.Delay(500); // a duplicate would show up now
        Assert.Equal(Images + 1, await ScalarAsync("SELECT count(DISTINCT image_id) FROM verdicts"));
        Assert.Equal(Images + 1, await ScalarAsync("SELECT count(*) FROM verdicts"));
        Assert.Equal(0, await stream.StreamLengthAsync(HydraStreams.IngestStream));
        // The killed transaction left no half-written episode: one open episode counts every image.
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM episodes WHERE ended_at IS NULL"));
        Assert.Equal(Images + 1, await ScalarAsync("SELECT sum(image_count) FROM episodes"));
        var state = Deserialize<RunState>(await Api.GetStringAsync($"/api/v1/runs/{Run}"));
        Assert.Equal(Images, Assert.Single(state.Plots).Latest.Chunk);
    }
}
