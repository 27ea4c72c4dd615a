using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;

namespace Hydra.Inference.Tests;

/// <summary>Retraining from the app: a job trains from the labels, reports progress and leaves an inactive, evaluated version.</summary>
[Collection(PipelineCollection.Name)]
public sealed class TrainingJobTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "LTCC_adcOccupancy";

    [Fact]
    public async Task A_job_trains_a_version_from_the_labels_that_an_expert_can_activate()
    {
        var labels = new List<LabelChangeRequest>();
        for (var i = 1; i <= 24; i++)
        {
            var bad = i % 2 == 0;
            var image = await PostImageAsync(TestPngs.Grey(bad ? BrightnessModel.White : BrightnessModel.Black, salt: i, width: 32, height: 32), 7000, Plot, i);
            labels.Add(new LabelChangeRequest(image.ImageId, bad ? "Bad" : "Good"));
        }
        Assert.True((await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("expert", labels))).IsSuccessStatusCode);

        var response = await Api.PostAsJsonAsync($"/api/v1/plot-types/{Plot}/models/train", new TrainingRequest("expert", Epochs: 15, Seed: 3));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<TrainingJobView>(HydraJson.Options))!;
        Assert.Equal(TrainingJobStatus.Queued, job.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Api.PostAsJsonAsync($"/api/v1/plot-types/{Plot}/models/train", new TrainingRequest("expert"))).StatusCode);

        TrainingJobView done = job;
        await WaitUntilAsync(async () =>
        {
            done = await GetAsync<TrainingJobView>($"/api/v1/training-jobs/{job.JobId}");
            return done.Status is TrainingJobStatus.Succeeded or TrainingJobStatus.Failed;
        }, "the training job", TimeSpan.FromSeconds(120));
        Assert.True(done.Status == TrainingJobStatus.Succeeded, done.Error);
        Assert.True(done.Epoch >= 1 && done.TrainLoss is not null && done.ValidationAccuracy is not null);
        Assert.InRange(done.TrainingImages!.Value, 15, 21); // a fifth held out for the evaluation

        var model = await GetAsync<ModelView>($"/api/v1/models/{done.ModelId}");
        Assert.Equal(("trained", false), (model.Origin, model.IsActive));
        Assert.Equal(["Good", "Bad"], model.Labels);
        Assert.All(model.Thresholds, t => Assert.Equal("max_f1", t.Method));

        // The registry records the training set: every labelled image, a fifth held out.
        var trainingSet = await GetAsync<TrainingSetView>($"/api/v1/models/{model.ModelId}/training-set");
        Assert.Equal((24, 24 - done.TrainingImages!.Value), (trainingSet.Images, trainingSet.HeldOut));
        Assert.Equal(new Dictionary<string, int> { ["Good"] = 12, ["Bad"] = 12 }, trainingSet.ByLabel);
        Assert.Equal(labels.Select(l => l.ImageId).Order(), trainingSet.ImageIds);
        // Evaluated on what it did not train on: its held-out images.
        var evaluated = await Api.PostAsync($"/api/v1/models/{model.ModelId}/evaluate?adoptThresholds=false", null);
        Assert.True(evaluated.IsSuccessStatusCode, await evaluated.Content.ReadAsStringAsync());
        var outcome = (await evaluated.Content.ReadFromJsonAsync<Models.ModelEvaluator.Outcome>(HydraJson.Options))!;
        Assert.Equal((trainingSet.HeldOut, true), (outcome.Evaluation.Samples, outcome.HeldOutOnly));

        Assert.True((await Api.PostAsync($"/api/v1/models/{model.ModelId}/activate", null)).IsSuccessStatusCode);
        var white = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: 99, width: 32, height: 32), 7000, Plot, 99);
        Assert.Equal("Bad", (await WaitForVerdictAsync(white.ImageId)).Classification);

        // The next version starts from the active one's weights, as the original Hydra retrained.
        var again = (await (await Api.PostAsJsonAsync($"/api/v1/plot-types/{Plot}/models/train", new TrainingRequest("expert", Epochs: 3, Seed: 4)))
            .Content.ReadFromJsonAsync<TrainingJobView>(HydraJson.Options))!;
        await WaitUntilAsync(async () =>
        {
            done = await GetAsync<TrainingJobView>($"/api/v1/training-jobs/{again.JobId}");
            return done.Status is TrainingJobStatus.Succeeded or TrainingJobStatus.Failed;
        }, "the fine-tuning job", TimeSpan.FromSeconds(120));
        Assert.True(done.Status == TrainingJobStatus.Succeeded, done.Error);
        var child = await GetAsync<ModelView>($"/api/v1/models/{done.ModelId}");
        Assert.Equal(("fine-tuned", model.ModelId), (child.Origin, child.ParentModelId));
    }

    [Fact]
    public async Task A_stored_image_damaged_since_ingest_fails_the_job_by_its_id_and_makes_no_model()
    {
        var labels = new List<LabelChangeRequest>();
        for (var i = 1; i <= 12; i++)
        {
            var image = await PostImageAsync(TestPngs.Grey(i % 2 == 0 ? BrightnessModel.White : BrightnessModel.Black, salt: i, width: 32, height: 32), 7002, Plot, i);
            labels.Add(new LabelChangeRequest(image.ImageId, i % 2 == 0 ? "Bad" : "Good"));
        }
        await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("expert", labels));
        var damaged = labels[7].ImageId;
        await ExecuteAsync($"UPDATE image_contents SET png = substring(png from 1 for 60) WHERE image_id = {damaged}");

        var job = (await (await Api.PostAsJsonAsync($"/api/v1/plot-types/{Plot}/models/train", new TrainingRequest("expert", Epochs: 2))).Content.ReadFromJsonAsync<TrainingJobView>(HydraJson.Options))!;

        TrainingJobView done = job;
        await WaitUntilAsync(async () => (done = await GetAsync<TrainingJobView>($"/api/v1/training-jobs/{job.JobId}")).Status == TrainingJobStatus.Failed, "the job to fail");
        Assert.Contains($"labelled image {damaged} is not a complete PNG", done.Error);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM models"));
        Assert.Equal(12, await ScalarAsync($"SELECT count(*) FROM image_labels WHERE image_id IN ({string.Join(",", labels.Select(l => l.ImageId))})"));
    }

    [Fact]
    public async Task Too_few_labels_fail_the_job_with_the_reason()
    {
        var image = await PostImageAsync(TestPngs.Grey(1, salt: 1), 7001, Plot, 1);
        await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("expert", [new(image.ImageId, "Good")]));
        var job = (await (await Api.PostAsJsonAsync($"/api/v1/plot-types/{Plot}/models/train", new TrainingRequest("expert"))).Content.ReadFromJsonAsync<TrainingJobView>(HydraJson.Options))!;

        TrainingJobView done = job;
        await WaitUntilAsync(async () => (done = await GetAsync<TrainingJobView>($"/api/v1/training-jobs/{job.JobId}")).Status == TrainingJobStatus.Failed, "the job to fail");
        Assert.Contains("needs at least 10 labelled images in at least 2 classes", done.Error);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM models"));
    }
}
