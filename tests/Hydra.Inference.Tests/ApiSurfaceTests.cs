using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;

namespace Hydra.Inference.Tests;

/// <summary>The API around the pipeline: its OpenAPI document, metrics, news, status, and malformed queries.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ApiSurfaceTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_feature()
    {
        var document = await Api.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/images", "/api/v1/runs/current", "/api/v1/plot-types/{name}/verdicts", "/api/v1/alarms", "/api/v1/episodes", "/api/v1/news", "/api/v1/pipeline/status", "/api/v1/verdicts", "/api/v1/plot-types/{name}/models", "/api/v1/models/{id}/activate", "/api/v1/plot-types/{name}/labeler", "/api/v1/labels/leaderboard", "/api/v1/statistics/labels", "/api/v1/statistics/model-agreement", "/api/v1/episodes/{id}", "/api/v1/plot-types/{name}/label-statistics", "/api/v1/models/{id}/training-set" })
        {
            Assert.Contains($"\"{path}\"", document);
        }
    }

    [Fact]
    public async Task Pipeline_status_and_Prometheus_metrics_count_the_images()
    {
        for (var i = 1; i <= 3; i++) await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(90, salt: i), 6500, "TimeJitter_dt", i)).ImageId);

        var status = await GetAsync<PipelineStatus>("/api/v1/pipeline/status");
        Assert.Equal(0, status.ImagesWaitingForVerdict);
        Assert.Equal(3, status.Stages.Single(s => s.Stage == "arrival to verdict").Count);
        Assert.Equal(3, status.ImagesPerDay.Sum(d => d.Images));
        Assert.NotNull(status.LastVerdictAt);

        var metrics = await Api.GetStringAsync("/metrics");
        Assert.Contains("hydra_images_ingested", metrics);
        Assert.Contains("hydra_images_classified", metrics);
        Assert.Contains("hydra_pipeline_stage_duration", metrics);
    }

    [Fact]
    public async Task News_is_posted_listed_until_it_expires_and_removed()
    {
        var posted = await Api.PostAsJsonAsync("/api/v1/news", new NewsItemRequest("ECAL S2 HV board 6 is off until the access", "Known; do not call the expert.", "shift leader", null));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var item = (await posted.Content.ReadFromJsonAsync<NewsItemView>(HydraJson.Options))!;
        await Api.PostAsJsonAsync("/api/v1/news", new NewsItemRequest("old news", null, "shift leader", DateTimeOffset.UtcNow.AddMinutes(-1)));

        var current = await GetAsync<List<NewsItemView>>("/api/v1/news");
        Assert.Equal(item.NewsId, Assert.Single(current).NewsId);
        Assert.Equal(2, (await GetAsync<List<NewsItemView>>("/api/v1/news?all=true")).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/v1/news/{item.NewsId}")).StatusCode);
        Assert.Empty(await GetAsync<List<NewsItemView>>("/api/v1/news"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsJsonAsync("/api/v1/news", new NewsItemRequest("", null, "x", null))).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/alarms?run=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/alarms?kind=Exploded", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/episodes?from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/verdicts?limit=99999999999", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/plot-types/..%2F..%2Fetc/verdicts", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/images/123456/png", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/runs/999999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/runs/current", HttpStatusCode.NotFound)]
    public async Task Malformed_or_unknown_queries_get_a_4xx_not_a_crash(string path, HttpStatusCode expected)
    {
        var response = await Api.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
    }
}
