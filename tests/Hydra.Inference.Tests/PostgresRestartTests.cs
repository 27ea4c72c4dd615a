using System.Diagnostics;
using System.Net;

namespace Hydra.Inference.Tests;

/// <summary>
/// PostgreSQL restarted under a running replica (a fast shutdown ends every session, as a restart
/// or a failover does): Inference recovers by itself, without being restarted.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PostgresRestartTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "CND_occupancy";
    private const int Run = 6800;
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task After_a_PostgreSQL_restart_ingest_and_classification_work_again_without_restarting_Inference()
    {
        var before = await PostImageAsync(TestPngs.Grey(60, salt: 1), Run, Plot, 1);
        await WaitForVerdictAsync(before.ImageId);

        await Servers.StopPostgresAsync();
        try
        {
            // While it is down: a prompt, retryable refusal; unready, but alive (an orchestrator
            // must not restart a replica for an outage a restart cannot fix). Prompt, because a
            // source waits on each upload and probes give up after a few seconds.
            var refused = await TimedAsync(() => Api.PostAsync("/api/v1/images", Upload(TestPngs.Grey(60, salt: 2), Run, Plot, 2)));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Response.StatusCode);
            Assert.NotNull(refused.Response.Headers.RetryAfter);
            Assert.True(refused.Took < Prompt, $"the refusal took {refused.Took}");
            // Reads too: every endpoint answers a retryable 503, not a 500 that looks like a bug.
            var read = await TimedAsync(() => Api.GetAsync($"/api/v1/training-jobs?plot={Plot}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.Response.StatusCode);
            Assert.NotNull(read.Response.Headers.RetryAfter);
            using (var problem = System.Text.Json.JsonDocument.Parse(await read.Response.Content.ReadAsStringAsync()))
                Assert.StartsWith("the monitoring database is unavailable", problem.RootElement.GetProperty("detail").GetString()); // the sentence a page shows
            Assert.True(read.Took < Prompt, $"the read took {read.Took}");
            Assert.Contains("GET /api/v1/training-jobs: the monitoring database is unavailable", Host.Logs.ToString()); // an outage in the log, not a stack trace
            var health = await TimedAsync(() => Api.GetAsync("/health"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Response.StatusCode);
            Assert.True(health.Took < Prompt, $"/health took {health.Took}");
            Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/alive")).StatusCode);
        }
        finally
        {
            await Servers.StartPostgresAsync();
        }

        // Every pooled connection died with the old server: the next uploads must not fail on them.
        HttpResponseMessage? accepted = null;
        await WaitUntilAsync(async () =>
        {
            accepted = await Api.PostAsync("/api/v1/images", Upload(TestPngs.Grey(60, salt: 2), Run, Plot, 2));
            return accepted.IsSuccessStatusCode;
        }, "ingest to accept again", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, accepted!.StatusCode);

        var afterward = new List<long>();
        for (var chunk = 3; chunk <= 8; chunk++) afterward.Add((await PostImageAsync(TestPngs.Grey(60, salt: chunk), Run, Plot, chunk)).ImageId);
        foreach (var id in afterward) Assert.Equal(id, (await WaitForVerdictAsync(id, TimeSpan.FromSeconds(60))).ImageId);

        await WaitUntilAsync(async () => (await Api.GetAsync("/health")).IsSuccessStatusCode, "/health to be healthy again");
        Assert.Equal(8, await ScalarAsync("SELECT count(*) FROM verdicts"));
        Assert.Equal(8, await ScalarAsync("SELECT count(DISTINCT image_id) FROM verdicts"));
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedAsync(Func<Task<HttpResponseMessage>> request)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await request();
        return (response, Stopwatch.GetElapsedTime(started));
    }
}
