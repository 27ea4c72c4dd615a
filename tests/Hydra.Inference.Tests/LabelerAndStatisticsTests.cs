using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;

namespace Hydra.Inference.Tests;

/// <summary>What the Labeler and Statistics pages read: batches with their palette, the leader board, and the figures.</summary>
[Collection(PipelineCollection.Name)]
public sealed class LabelerAndStatisticsTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "LTCC_adcOccupancy";

    [Fact]
    public async Task A_batch_lists_the_newest_unlabelled_images_with_the_models_hint_and_editor_mode_the_labelled_ones()
    {
        await BrightnessModel.ActivateAsync(Host.Services, Plot);
        var images = new List<long>();
        for (var chunk = 1; chunk <= 4; chunk++)
        {
            var image = await PostImageAsync(TestPngs.Grey(chunk <= 2 ? BrightnessModel.White : BrightnessModel.Black, salt: chunk, width: 32, height: 32), 7100 + chunk / 3, Plot, chunk);
            await WaitForVerdictAsync(image.ImageId);
            images.Add(image.ImageId);
        }
        await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("alice", [new(images[0], "Bad"), new(images[3], "Cosmic")]));

        var batch = await GetAsync<LabelerBatchView>($"/api/v1/plot-types/{Plot}/labeler");
        Assert.Equal([images[2], images[1]], batch.Images.Select(i => i.ImageId));
        Assert.Equal(2, batch.UnlabelledCount);
        Assert.Equal("Bad", batch.Images[1].AiClassification);
        Assert.True(batch.Images[1].AiConfidence > 0.9f, $"the model's confidence for a white image: {batch.Images[1].AiConfidence}");
        // The palette: the model's classes, a class already used for this plot type, and Ignore, in the usual order.
        Assert.Equal(["Good", "Bad", "NoData", "Cosmic", "Ignore"], batch.Classes);

        var editor = await GetAsync<LabelerBatchView>($"/api/v1/plot-types/{Plot}/labeler?mode=Labelled");
        Assert.Equal([(images[3], "Cosmic", "alice"), (images[0], "Bad", "alice")], editor.Images.Select(i => (i.ImageId, i.Label!, i.LabelledBy!)));

        var runRange = await GetAsync<LabelerBatchView>($"/api/v1/plot-types/{Plot}/labeler?fromRun=7101&toRun=7101");
        Assert.Equal([images[2]], runRange.Images.Select(i => i.ImageId));

        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/plot-types/Nope/labeler")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync($"/api/v1/plot-types/{Plot}/labeler?mode=Everything")).StatusCode);
    }

    [Fact]
    public async Task The_leader_board_counts_label_changes_per_person_and_statistics_count_labels_and_agreement_per_detector()
    {
        await BrightnessModel.ActivateAsync(Host.Services, Plot);
        var white = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: 1, width: 32, height: 32), 7200, Plot, 1);
        var black = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 2, width: 32, height: 32), 7200, Plot, 2);
        var unlabelled = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 3, width: 32, height: 32), 7200, Plot, 3);
        foreach (var id in new[] { white.ImageId, black.ImageId, unlabelled.ImageId }) await WaitForVerdictAsync(id);

        // The model says white = Bad, black = Good; the expert agrees on white and not on black.
        await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("alice", [new(white.ImageId, "Bad"), new(black.ImageId, "Good")]));
        await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("bob", [new(black.ImageId, "Bad")]));

        var leaders = await GetAsync<List<LabellerScore>>("/api/v1/labels/leaderboard");
        Assert.Equal([("alice", 2), ("bob", 1)], leaders.Select(l => (l.Labeller, l.Labels)));

        var labels = await GetAsync<List<DetectorLabelStatistics>>("/api/v1/statistics/labels");
        var ltcc = labels.Single(l => l.Detector == "LTCC");
        Assert.Equal((3, 2), (ltcc.Images, ltcc.Labelled));
        Assert.Equal(2, ltcc.ByClass["Bad"]);

        var plot = await GetAsync<PlotLabelStatistics>($"/api/v1/plot-types/{Plot}/label-statistics");
        Assert.Equal((3, 2, 1), (plot.Images, plot.Labelled, plot.Unlabelled));
        Assert.Equal(new Dictionary<string, int> { ["Bad"] = 2 }, plot.ByClass);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/plot-types/Nope/label-statistics")).StatusCode);

        var agreement = await GetAsync<List<ModelAgreement>>("/api/v1/statistics/model-agreement");
        var allTime = agreement.Single(a => a.Detector == "LTCC" && a.RunPeriod is null);
        Assert.Equal((2, 1), (allTime.Judged, allTime.Agreed));
        Assert.Contains(agreement, a => a.Detector == "LTCC" && a.RunPeriod is not null && a.Judged == 2);
    }

    [Fact]
    public async Task byModel_leaves_out_verdicts_no_model_gave()
    {
        var noModel = await PostImageAsync(TestPngs.Grey(BrightnessModel.Grey, salt: 1, width: 32, height: 32), 7300, "CND_adcOccupancy", 1);
        await WaitForVerdictAsync(noModel.ImageId);
        await BrightnessModel.ActivateAsync(Host.Services, Plot);
        var unsure = await PostImageAsync(TestPngs.Grey(BrightnessModel.Grey, salt: 2, width: 32, height: 32), 7300, Plot, 1);
        await WaitForVerdictAsync(unsure.ImageId);

        var all = await GetAsync<List<VerdictView>>("/api/v1/verdicts?run=7300&confirmed=false");
        var byModel = await GetAsync<List<VerdictView>>("/api/v1/verdicts?run=7300&confirmed=false&byModel=true");
        Assert.Equal(2, all.Count);
        Assert.Equal([unsure.ImageId], byModel.Select(v => v.ImageId));
    }
}
