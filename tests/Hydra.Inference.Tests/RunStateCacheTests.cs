using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hydra.Inference.Tests;

/// <summary>
/// The Run page's hot state in Redis never shows less than PostgreSQL knows: not a run cut down to
/// the plots judged since Redis came back empty, and not the chunk before a verdict whose write
/// Redis missed.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class RunStateCacheTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Htcc = "HTCC_occupancy", Ltcc = "LTCC_adc";

    [Fact]
    public async Task After_Redis_comes_back_empty_the_run_still_shows_every_plot_type()
    {
        const int run = 6800;
        await BrightnessModel.ActivateAsync(Host.Services, Htcc);
        await BrightnessModel.ActivateAsync(Host.Services, Ltcc);
        await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 1), run, Htcc, 1)).ImageId);
        await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 2), run, Ltcc, 1)).ImageId);
        Assert.Equal(2, (await RunAsync(run)).Plots.Count);

        await Servers.FlushRedisAsync();
        await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 3), run, Htcc, 2)).ImageId);

        var plots = (await RunAsync(run)).Plots.ToDictionary(p => p.PlotName, p => p.Latest.Chunk);
        Assert.Equal(new Dictionary<string, int> { [Htcc] = 2, [Ltcc] = 1 }, plots);
        // Refilled and marked complete, so the next reader is served from Redis.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString);
        Assert.True(await redis.GetDatabase().HashExistsAsync(HydraStreams.RunStateKey(run), RunStateCache.CompleteField));
    }

    [Fact]
    public async Task A_verdict_committed_while_Redis_was_away_is_shown_once_Redis_is_back_with_its_old_data()
    {
        const int run = 6850;
        await BrightnessModel.ActivateAsync(Host.Services, Htcc);
        var first = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 1), run, Htcc, 1);
        await WaitForVerdictAsync(first.ImageId);
        Assert.Equal(1, Assert.Single((await RunAsync(run)).Plots).Latest.Chunk);

        // A worker reads chunk 2's job and waits at the (run, plot type) lock; Redis dies (keeping
        // its data) before the worker commits and writes the hot state.
        await using var blocker = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await blocker.OpenAsync();
        await using (var lockCommand = new Npgsql.NpgsqlCommand(
            $"SELECT pg_advisory_lock(run_id, plot_type_id) FROM images WHERE id = {first.ImageId}", blocker))
        {
            await lockCommand.ExecuteScalarAsync();
        }
        var second = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: 2), run, Htcc, 2);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString))
        {
            await WaitUntilAsync(async () => (await redis.GetDatabase().StreamPendingAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup)).PendingMessageCount > 0,
                "a worker to hold chunk 2's job");
        }
        await Servers.StopRedisAsync(loseData: false);
        try
        {
            await blocker.CloseAsync();
            await WaitUntilAsync(async () => await ScalarAsync($"SELECT count(*) FROM verdicts WHERE image_id = {second.ImageId}") == 1,
                "chunk 2's verdict, committed without Redis", TimeSpan.FromSeconds(60));
            // Its hot-state write gives up (the client waits a few seconds for Redis first).
            var cache = Host.Services.GetRequiredService<RunStateCache>();
            await WaitUntilAsync(() => Task.FromResult(cache.RunsToRefill.Contains(run)), "the missed write to be noted", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await Servers.StartRedisAsync();
        }

        var latest = Assert.Single((await RunAsync(run)).Plots).Latest;
        Assert.Equal((2, "Bad"), (latest.Chunk, latest.Classification));
    }

    private async Task<RunState> RunAsync(int run) => Deserialize<RunState>(await Api.GetStringAsync($"/api/v1/runs/{run}"));
}
