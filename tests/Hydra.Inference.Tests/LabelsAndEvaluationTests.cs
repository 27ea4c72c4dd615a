using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Models;
using Hydra.Inference.Tell;

namespace Hydra.Inference.Tests;

/// <summary>Experts' labels with their history, and a model evaluated against them.</summary>
[Collection(PipelineCollection.Name)]
public sealed class LabelsAndEvaluationTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "HTCC_adcOccupancy";

    [Fact]
    public async Task A_batch_applies_together_keeps_the_history_and_a_bad_row_applies_nothing()
    {
        var images = await PostAsync(3, BrightnessModel.Black);

        await LabelAsync("alice", (images[0], "Good"), (images[1], "Bad"));
        await LabelAsync("bob", (images[0], "Bad"), (images[1], null)); // relabel and erase

        var history = await GetAsync<List<LabelView>>($"/api/v1/images/{images[0]}/labels");
        Assert.Equal([("Good", "alice"), ("Bad", "bob")], history.Select(h => (h.Classification!, h.By)));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM image_labels WHERE image_id = {images[1]}"));
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM label_changes WHERE image_id = {images[1]} AND new_classification IS NULL AND old_classification = 'Bad'"));

        var refused = await ActingAs("carol").PostAsJsonAsync("/api/v1/labels", new LabelBatch("carol", [new(images[2], "Good"), new(images[1], "Exploded")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var unknownImage = await ActingAs("carol").PostAsJsonAsync("/api/v1/labels", new LabelBatch("carol", [new(images[2], "Good"), new(999_999, "Good")]));
        Assert.Equal(HttpStatusCode.BadRequest, unknownImage.StatusCode);
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM image_labels WHERE image_id = {images[2]}"));

        var unlabelled = await GetAsync<List<long>>($"/api/v1/plot-types/{Plot}/unlabelled");
        Assert.Equal([images[2], images[1]], unlabelled);
    }

    [Fact]
    public async Task Evaluation_counts_expert_against_model_and_adopts_max_F1_thresholds_except_an_experts()
    {
        var model = await BrightnessModel.ActivateAsync(Host.Services, Plot, badThreshold: 0.5f);
        await ExecuteAsync($"UPDATE model_thresholds SET method = 'init', threshold = 0.5 WHERE model_id = '{model}'");
        await ExecuteAsync($"UPDATE model_thresholds SET method = 'Rafo', set_by = 'Rafo', threshold = 0.7 WHERE model_id = '{model}' AND classification = 'Good'");
        var white = await PostAsync(3, BrightnessModel.White);
        var black = await PostAsync(3, BrightnessModel.Black, firstChunk: 10);
        // The expert calls two white ones Bad, one Good (the model disagrees), and the black ones Good.
        await LabelAsync("expert", (white[0], "Bad"), (white[1], "Bad"), (white[2], "Good"), (black[0], "Good"), (black[1], "Good"), (black[2], "Good"));

        var response = await Api.PostAsync($"/api/v1/models/{model}/evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = (await response.Content.ReadFromJsonAsync<ModelEvaluator.Outcome>(HydraJson.Options))!;

        Assert.Equal(6, outcome.Evaluation.Samples);
        Assert.False(outcome.HeldOutOnly);
        Assert.Equal(5.0 / 6, outcome.Evaluation.Accuracy, 6);
        Assert.True(outcome.Evaluation.Confusion.Any(c => c.Expert == "Good" && c.Ai == "Bad" && c.Count == 1), string.Join("; ", outcome.Evaluation.Confusion.Select(c => $"{c.Expert}/{c.Ai}={c.Count}")));
        Assert.Equal(["Bad"], outcome.ThresholdsAdopted); // Good is Rafo's; NoData has no labelled images

        var stored = await GetAsync<ModelView>($"/api/v1/models/{model}");
        Assert.Equal("max_f1", stored.Thresholds.Single(t => t.Classification == "Bad").Method);
        Assert.Equal(("Rafo", 0.7f), (stored.Thresholds.Single(t => t.Classification == "Good").Method, stored.Thresholds.Single(t => t.Classification == "Good").Threshold));
        Assert.DoesNotContain(stored.Thresholds, t => t.Classification == "NoData"); // no row, no labels: nothing invented
        Assert.Contains("\"accuracy\"", await Api.GetStringAsync($"/api/v1/models/{model}/evaluation"));

        // With held-out images present, only they are used.
        await ExecuteAsync($"UPDATE images SET training_weight = 0 WHERE id IN ({white[0]}, {black[0]})");
        var heldOut = (await (await Api.PostAsync($"/api/v1/models/{model}/evaluate?adoptThresholds=false", null)).Content.ReadFromJsonAsync<ModelEvaluator.Outcome>(HydraJson.Options))!;
        Assert.Equal((2, true), (heldOut.Evaluation.Samples, heldOut.HeldOutOnly));
    }

    [Fact]
    public async Task A_few_labels_do_not_undo_a_shipped_defaults_calibrated_threshold()
    {
        const string basis = "the lowest with at most 0.5 % confirmed false alarms, on 1000 images of calibration";
        var model = await BrightnessModel.ActivateAsync(Host.Services, Plot, badThreshold: 0.95f);
        await ExecuteAsync($"UPDATE model_thresholds SET method = 'false_alarm_bar', basis = '{basis}' WHERE model_id = '{model}' AND classification = 'Bad'");
        await ExecuteAsync($"UPDATE model_thresholds SET method = 'init', threshold = 0.5 WHERE model_id = '{model}' AND classification = 'Good'");
        var white = await PostAsync(2, BrightnessModel.White);
        var black = await PostAsync(2, BrightnessModel.Black, firstChunk: 10);
        await LabelAsync("expert", (white[0], "Bad"), (white[1], "Bad"), (black[0], "Good"), (black[1], "Good"));

        var outcome = (await (await Api.PostAsync($"/api/v1/models/{model}/evaluate", null)).Content.ReadFromJsonAsync<ModelEvaluator.Outcome>(HydraJson.Options))!;

        Assert.Equal(["Good"], outcome.ThresholdsAdopted); // a default's threshold nobody calibrated is the sweep's to set
        Assert.Equal($"held to a false-alarm bar ({basis}); 4 labelled images are fewer than the 1000 it takes to replace it", outcome.ThresholdsKept["Bad"]);
        var bad = (await GetAsync<ModelView>($"/api/v1/models/{model}")).Thresholds.Single(t => t.Classification == "Bad");
        Assert.Equal((0.95f, ModelThreshold.FalseAlarmBar, basis), (bad.Threshold, bad.Method, bad.Basis));
    }

    private async Task<List<long>> PostAsync(int count, byte level, int firstChunk = 1)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var image = await PostImageAsync(TestPngs.Grey(level, salt: firstChunk + i, width: 32, height: 32), 6800, Plot, firstChunk + i);
            await WaitForVerdictAsync(image.ImageId);
            ids.Add(image.ImageId);
        }
        return ids;
    }

    private async Task LabelAsync(string by, params (long Image, string? Classification)[] labels)
    {
        var response = await ActingAs(by).PostAsJsonAsync("/api/v1/labels", new LabelBatch(by, labels.Select(l => new LabelChangeRequest(l.Image, l.Classification)).ToList()));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
