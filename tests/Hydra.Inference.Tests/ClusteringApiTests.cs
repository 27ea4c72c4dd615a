using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;
using Microsoft.AspNetCore.Mvc;

namespace Hydra.Inference.Tests;

/// <summary>GET /api/v1/plot-types/{name}/clusters against a real PostgreSQL, with ResNet18 embeddings.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ClusteringApiTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "ECAL_adcOccupancy";

    private async Task UploadTwoIslandsAsync()
    {
        for (var chunk = 1; chunk <= 6; chunk++)
        {
            await PostImageAsync(PatternPngs.Banded(horizontal: true, salt: chunk), 7001, Plot, chunk);
            await PostImageAsync(PatternPngs.Banded(horizontal: false, salt: 100 + chunk), 7002, Plot, chunk);
        }
        await Api.PutAsJsonAsync("/api/v1/runs/7001/conditions", new { beamCurrentNanoAmps = 50.0, target = "LH2", torusScale = -1.0, solenoidScale = -1.0 });
        await Api.PutAsJsonAsync("/api/v1/runs/7002/conditions", new { beamCurrentNanoAmps = 10.0, target = "C12", torusScale = 1.0, solenoidScale = -1.0 });
    }

    [Fact]
    public async Task Images_of_two_run_conditions_fall_into_two_clusters_with_their_conditions()
    {
        await UploadTwoIslandsAsync();

        var map = await GetAsync<ClusterMap>($"/api/v1/plot-types/{Plot}/clusters?k=2");

        Assert.Equal(("resnet18", 2, 12), (map.Encoder, map.K, map.Points.Count));
        var byRun = map.Points.GroupBy(p => p.RunNumber).ToDictionary(g => g.Key, g => g.ToList());
        // Each island is one cluster, and the two islands are two different clusters.
        var lh2 = Assert.Single(byRun[7001].Select(p => p.Cluster).Distinct());
        var c12 = Assert.Single(byRun[7002].Select(p => p.Cluster).Distinct());
        Assert.NotEqual(lh2, c12);
        Assert.All(byRun[7001], p => Assert.Equal(("LH2", 50.0, -1.0), (p.Conditions.Target, p.Conditions.BeamCurrentNanoAmps, p.Conditions.TorusScale)));
        Assert.All(byRun[7002], p => Assert.Equal("C12", p.Conditions.Target));
        // On the t-SNE map every point's nearest neighbour is from its own island.
        Assert.All(map.Points, p =>
        {
            var nearest = map.Points.Where(q => q.ImageId != p.ImageId).MinBy(q => Math.Pow(q.X - p.X, 2) + Math.Pow(q.Y - p.Y, 2))!;
            Assert.Equal(p.RunNumber, nearest.RunNumber);
        });
    }

    [Fact]
    public async Task Labels_and_run_range_are_applied_and_a_label_shows_without_redrawing()
    {
        await UploadTwoIslandsAsync();
        var first = await GetAsync<ClusterMap>($"/api/v1/plot-types/{Plot}/clusters?k=2&fromRun=7002&toRun=7002&limit=4");
        Assert.Equal(4, first.Points.Count);
        Assert.All(first.Points, p => Assert.Equal(7002, p.RunNumber));

        var labelled = first.Points[0];
        var response = await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("expert", [new LabelChangeRequest(labelled.ImageId, "Good")]));
        response.EnsureSuccessStatusCode();
        var again = await GetAsync<ClusterMap>($"/api/v1/plot-types/{Plot}/clusters?k=2&fromRun=7002&toRun=7002&limit=4");

        var point = again.Points.Single(p => p.ImageId == labelled.ImageId);
        Assert.Equal("Good", point.Label);
        Assert.Equal((labelled.X, labelled.Y), (point.X, point.Y)); // the cached geometry
    }

    [Theory]
    [InlineData("ECAL_adcOccupancy?k=0", HttpStatusCode.BadRequest, "Bad number of clusters")]
    [InlineData("ECAL_adcOccupancy?k=21", HttpStatusCode.BadRequest, "Bad number of clusters")]
    [InlineData("ECAL_adcOccupancy?limit=5000", HttpStatusCode.BadRequest, "Bad image limit")]
    [InlineData("ECAL_adcOccupancy?fromRun=9&toRun=8", HttpStatusCode.BadRequest, "Bad run range")]
    [InlineData("NOPE_plot", HttpStatusCode.NotFound, "No such plot type")]
    public async Task A_bad_request_is_a_problem_with_a_reason(string query, HttpStatusCode status, string title)
    {
        await PostImageAsync(PatternPngs.Banded(true, 1), 7001, Plot, 1);
        var path = query.Contains('?') ? query.Replace("?", "/clusters?") : query + "/clusters";

        var response = await Api.GetAsync($"/api/v1/plot-types/{path}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(HydraJson.Options);
        Assert.Equal(title, problem!.Title);
    }
}
