using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;
using StackExchange.Redis;

namespace Hydra.Inference.Tests;

/// <summary>
/// Redis killed while images are arriving and jobs are in flight. DurabilityTests covers Redis
/// stopped between uploads with nothing in flight; here the uploads do not pause, a second replica
/// holds jobs, and Redis may come back without its data.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class RedisOutageTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "HTCC_occupancy";

    /// <summary>An upload during the outage must still answer promptly: mon12 sends ~95 images per chunk.</summary>
    private static readonly TimeSpan PromptAnswer = TimeSpan.FromSeconds(2);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hydra:Classifier:BatchSize"] = "2"; // many small batches: some are mid-flight when Redis dies
        settings["Hydra:Classifier:RequeueLostAfter"] = "00:00:03";
    }

    [Theory]
    [InlineData(false, 6600)]
    [InlineData(true, 6700)]
    public async Task Redis_killed_mid_stream_loses_no_accepted_image_and_each_gets_one_verdict(bool redisLosesItsData, int run)
    {
        var (_, second) = await StartReplicaAsync();
        var accepted = new ConcurrentDictionary<long, int>();
        var slowAnswers = new ConcurrentBag<string>();
        var redisDown = false;
        const int chunks = 36;

        var uploads = Task.Run(async () =>
        {
            for (var chunk = 1; chunk <= chunks; chunk++)
            {
                var image = await UploadUntilAcceptedAsync(chunk % 2 == 0 ? Api : second, TestPngs.Grey(90, salt: chunk), run, chunk,
                    (status, took) => { if (Volatile.Read(ref redisDown) && took > PromptAnswer) slowAnswers.Add($"chunk {chunk}: {status} after {took.TotalSeconds:0.0} s"); });
                accepted[image.ImageId] = chunk;
                await Task.Delay(40);
            }
        });

        await WaitUntilAsync(() => Task.FromResult(accepted.Count >= 10), "the first uploads");
        await Servers.StopRedisAsync(redisLosesItsData);
        Volatile.Write(ref redisDown, true);
        await WaitUntilAsync(() => Task.FromResult(accepted.Count >= 24 || uploads.IsCompleted), "uploads during the outage", TimeSpan.FromSeconds(120));
        Volatile.Write(ref redisDown, false);
        await Servers.StartRedisAsync();
        await uploads;

        Assert.Equal(chunks, accepted.Count);
        Assert.Empty(slowAnswers);
        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM verdicts") >= chunks,
            "every accepted image to be judged", TimeSpan.FromSeconds(90));
        await Task.Delay(500); // a duplicate would show up now
        Assert.Equal(chunks, await ScalarAsync("SELECT count(*) FROM images"));
        Assert.Equal(chunks, await ScalarAsync($"SELECT count(*) FROM verdicts WHERE image_id IN ({string.Join(',', accepted.Keys)})"));
        Assert.Equal(chunks, await ScalarAsync("SELECT count(*) FROM verdicts"));

        // The Run page's hot state shows the newest chunk, not what Redis had before it died.
        var state = Deserialize<RunState>(await Api.GetStringAsync($"/api/v1/runs/{run}"));
        Assert.Equal(chunks, Assert.Single(state.Plots).Latest.Chunk);
    }

    [Fact]
    public async Task Jobs_lost_with_Redis_data_are_queued_again_and_judged_once()
    {
        const int run = 6750;
        var first = await PostImageAsync(TestPngs.Grey(100, salt: 0), run, Plot, 0);
        await WaitForVerdictAsync(first.ImageId);

        // Every worker (one job per batch here) stops at the (run, plot type) lock with its job
        // read; the rest of the jobs wait unread in the stream when Redis dies and loses them.
        await using var blocker = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await blocker.OpenAsync();
        await using (var lockCommand = new Npgsql.NpgsqlCommand(
            $"SELECT pg_advisory_lock(run_id, plot_type_id) FROM images WHERE id = {first.ImageId}", blocker))
        {
            await lockCommand.ExecuteScalarAsync();
        }
        var ids = new List<long>();
        for (var chunk = 1; chunk <= 8; chunk++) ids.Add((await PostImageAsync(TestPngs.Grey(100, salt: chunk), run, Plot, chunk)).ImageId);
        // The status page's backlog: stored, not judged.
        Assert.Equal(ids.Count, (await GetAsync<PipelineStatus>("/api/v1/pipeline/status")).ImagesWaitingForVerdict);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString))
        {
            var stream = redis.GetDatabase();
            await WaitUntilAsync(async () => (await stream.StreamPendingAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup)).PendingMessageCount > 0,
                "a worker to hold a job");
            var pending = (await stream.StreamPendingAsync(HydraStreams.IngestStream, HydraStreams.ClassifierGroup)).PendingMessageCount;
            Assert.True(await stream.StreamLengthAsync(HydraStreams.IngestStream) > pending, "jobs unread in the stream");
        }

        await Servers.StopRedisAsync(loseData: true);
        await Servers.StartRedisAsync();
        await blocker.CloseAsync();

        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM verdicts") >= ids.Count + 1,
            "the lost jobs to be queued again and judged", TimeSpan.FromSeconds(60));
        await Task.Delay(500); // a duplicate would show up now
        Assert.Equal(ids.Count + 1, await ScalarAsync("SELECT count(*) FROM verdicts"));
        Assert.Equal(ids.Count + 1, await ScalarAsync("SELECT count(DISTINCT image_id) FROM verdicts"));
        Assert.Equal(0, (await GetAsync<PipelineStatus>("/api/v1/pipeline/status")).ImagesWaitingForVerdict);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images i JOIN verdicts v ON v.image_id = i.id WHERE i.judged_at IS DISTINCT FROM v.judged_at"));
    }

    [Fact]
    public async Task While_Redis_is_down_health_names_it_but_the_replica_stays_ready_and_alive()
    {
        await Servers.StopRedisAsync();
        try
        {
            // Kubernetes keeps routing uploads to a ready replica, and ingest stores them without Redis.
            await WaitUntilAsync(async () => !(await Api.GetAsync("/health")).IsSuccessStatusCode, "/health to notice");
            var health = await Api.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"StackExchange.Redis\"", await health.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/alive")).StatusCode);
            var accepted = await PostImageAsync(TestPngs.Grey(80, salt: 1), 6900, Plot, 1);
            Assert.False(accepted.Queued);
        }
        finally
        {
            await Servers.StartRedisAsync();
        }
    }

    /// <summary>Posts until accepted; a refusal must be a 503 that says when to come back.</summary>
    private static async Task<ImageAccepted> UploadUntilAcceptedAsync(HttpClient client, byte[] png, int run, int chunk, Action<HttpStatusCode, TimeSpan> answered)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.PostAsync("/api/v1/images", Upload(png, run, Plot, chunk));
            answered(response.StatusCode, Stopwatch.GetElapsedTime(started));
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<ImageAccepted>(HydraJson.Options))!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            await Task.Delay(200);
        }
    }
}
