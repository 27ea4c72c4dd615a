using Hydra.Core.Accounts;
using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;

namespace Hydra.Inference.Tests;

/// <summary>The Siamese reference similarity, computed by the pipeline and returned with each verdict (ADR-010).</summary>
[Collection(PipelineCollection.Name)]
public sealed class ReferenceSimilarityTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "ECAL_adcOccupancy";

    private async Task<VerdictView> JudgeAsync(byte level, int run, int chunk, string plot = Plot) =>
        await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(level, salt: run * 100 + chunk), run, plot, chunk)).ImageId);

    [Fact]
    public async Task A_Good_image_is_more_similar_to_its_reference_than_a_Bad_or_NoData_one()
    {
        await BrightnessModel.ActivateAsync(Host.Services, Plot, onnx: ToneModel.Onnx());
        var first = await JudgeAsync(BrightnessModel.Grey, 8001, 1);
        Assert.Equal(("Good", true, (long?)null, (float?)null), (first.Classification, first.Confirmed, first.ReferenceImageId, first.ReferenceSimilarity));
        // A newer confirmed Good of another island (C12 at 10 nA) must not become run 8001's reference.
        await JudgeAsync(BrightnessModel.Grey, 8002, 1);
        (await Api.PutAsJsonAsync("/api/v1/runs/8002/conditions", new { beamCurrentNanoAmps = 10.0, target = "C12" })).EnsureSuccessStatusCode();

        var good = await JudgeAsync(BrightnessModel.Grey, 8001, 2);
        var bad = await JudgeAsync(BrightnessModel.White, 8001, 3);
        var noData = await JudgeAsync(BrightnessModel.Black, 8001, 4);

        Assert.Equal(("Good", "Bad", "NoData"), (good.Classification, bad.Classification, noData.Classification));
        Assert.Equal(first.ImageId, good.ReferenceImageId);
        Assert.All(new[] { bad, noData }, v => Assert.Contains(v.ReferenceImageId, new long?[] { first.ImageId, good.ImageId }));
        Assert.InRange(good.ReferenceSimilarity!.Value, 0.99f, 1f);
        Assert.True(good.ReferenceSimilarity > bad.ReferenceSimilarity + 0.2f, $"Good {good.ReferenceSimilarity} vs Bad {bad.ReferenceSimilarity}");
        Assert.True(good.ReferenceSimilarity > noData.ReferenceSimilarity + 0.2f, $"Good {good.ReferenceSimilarity} vs NoData {noData.ReferenceSimilarity}");

        // The timeline API returns it with every verdict, and the reference is named as automatic.
        var timeline = await GetAsync<List<VerdictView>>($"/api/v1/plot-types/{Plot}/verdicts?run=8001");
        Assert.Equal(good.ReferenceSimilarity, timeline.Single(v => v.ImageId == good.ImageId).ReferenceSimilarity);
        var reference = await GetAsync<PlotReferenceView>($"/api/v1/plot-types/{Plot}/reference?run=8001");
        Assert.Equal(ReferenceSources.Automatic, reference.Source);
        Assert.Equal(8001, reference.RunNumber);
    }

    [Fact]
    public async Task An_expert_reference_wins_over_the_automatic_one_until_cleared()
    {
        await BrightnessModel.ActivateAsync(Host.Services, Plot, onnx: ToneModel.Onnx());
        var good = await JudgeAsync(BrightnessModel.Grey, 8101, 1);
        var white = await JudgeAsync(BrightnessModel.White, 8101, 2);

        // The expert is the signed-in person Web forwards (ADR-011), whatever name the body carries.
        Api.As("ecal-expert", HydraRoles.DetectorExpert);
        var set = await Api.PutAsJsonAsync($"/api/v1/plot-types/{Plot}/reference", new SetReferenceRequest(white.ImageId, "someone else"));
        Api.AsAdmin();
        set.EnsureSuccessStatusCode();
        var view = (await set.Content.ReadFromJsonAsync<PlotReferenceView>(HydraJson.Options))!;
        Assert.Equal((white.ImageId, ReferenceSources.Expert, "ecal-expert"), (view.ImageId, view.Source, view.SetBy));
        Assert.NotNull(view.SetAt);

        var judgedAgainstExpert = await JudgeAsync(BrightnessModel.Grey, 8101, 3);
        Assert.Equal(white.ImageId, judgedAgainstExpert.ReferenceImageId);
        Assert.True(judgedAgainstExpert.ReferenceSimilarity < 0.8f, $"grey vs the expert's white: {judgedAgainstExpert.ReferenceSimilarity}");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/v1/plot-types/{Plot}/reference?by=ecal-expert")).StatusCode);
        var judgedAutomatically = await JudgeAsync(BrightnessModel.Grey, 8101, 4);
        Assert.Contains(judgedAutomatically.ReferenceImageId, new long?[] { good.ImageId, judgedAgainstExpert.ImageId });
        Assert.True(judgedAutomatically.ReferenceSimilarity > 0.99f);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.DeleteAsync($"/api/v1/plot-types/{Plot}/reference")).StatusCode);
    }

    [Fact]
    public async Task An_expert_cannot_set_an_image_of_another_plot_type_or_set_it_anonymously()
    {
        await BrightnessModel.ActivateAsync(Host.Services, Plot, onnx: ToneModel.Onnx());
        var other = await PostImageAsync(TestPngs.Grey(BrightnessModel.Grey, salt: 5), 8201, "DC_occupancy", 1);
        var mine = await PostImageAsync(TestPngs.Grey(BrightnessModel.Grey, salt: 6), 8201, Plot, 1);

        var wrongPlot = await Api.PutAsJsonAsync($"/api/v1/plot-types/{Plot}/reference", new SetReferenceRequest(other.ImageId, "ecal-expert"));
        var noPlot = await Api.PutAsJsonAsync("/api/v1/plot-types/NOPE_plot/reference", new SetReferenceRequest(mine.ImageId, "ecal-expert"));
        Api.As(null); // the service key alone, no signed-in person: may read, not choose references
        var anonymous = await Api.PutAsJsonAsync($"/api/v1/plot-types/{Plot}/reference", new SetReferenceRequest(mine.ImageId, "ecal-expert"));
        Api.As("a-labeller", HydraRoles.Labeler);
        var labeller = await Api.PutAsJsonAsync($"/api/v1/plot-types/{Plot}/reference", new SetReferenceRequest(mine.ImageId, "ecal-expert"));
        Api.AsAdmin();

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Forbidden), (wrongPlot.StatusCode, noPlot.StatusCode, labeller.StatusCode));
        Assert.Contains(anonymous.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM plot_references"));
    }

    [Fact]
    public async Task Without_a_model_the_similarity_comes_from_ResNet18()
    {
        const string plot = "RICH_occupancy2d";
        var reference = await PostImageAsync(PatternPngs.Banded(horizontal: true, salt: 1), 8301, plot, 1);
        await WaitForVerdictAsync(reference.ImageId);
        (await Api.PutAsJsonAsync($"/api/v1/plot-types/{plot}/reference", new SetReferenceRequest(reference.ImageId, "rich-expert"))).EnsureSuccessStatusCode();

        var alike = await WaitForVerdictAsync((await PostImageAsync(PatternPngs.Banded(horizontal: true, salt: 2), 8301, plot, 2)).ImageId);
        var different = await WaitForVerdictAsync((await PostImageAsync(PatternPngs.Banded(horizontal: false, salt: 3), 8301, plot, 3)).ImageId);

        Assert.Equal("NoModel", alike.Classification);
        Assert.Equal(reference.ImageId, alike.ReferenceImageId);
        Assert.True(alike.ReferenceSimilarity > different.ReferenceSimilarity, $"alike {alike.ReferenceSimilarity} vs different {different.ReferenceSimilarity}");
    }
}
