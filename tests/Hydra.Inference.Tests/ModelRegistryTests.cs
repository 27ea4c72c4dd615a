using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;

namespace Hydra.Inference.Tests;

/// <summary>Import, activate, roll back and threshold overrides, with the pipeline following along without a restart.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ModelRegistryTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "FTOF_adcOccupancy";
    private int _chunk;

    [Fact]
    public async Task An_imported_model_judges_the_next_image_and_a_rollback_restores_the_previous_one()
    {
        var whiteIsBad = await ImportAsync(BrightnessModel.Onnx(), "white is bad");
        Assert.Equal(["Good", "Bad", "NoData"], whiteIsBad.Labels);
        Assert.Equal((1, 16, 16), (whiteIsBad.InputChannels, whiteIsBad.InputHeight, whiteIsBad.InputWidth));
        Assert.All(whiteIsBad.Thresholds, t => Assert.Equal(("init", 0.5f), (t.Method, t.Threshold)));
        Assert.False(whiteIsBad.IsActive);
        Assert.Equal("NoModel", (await JudgeWhiteAsync()).Classification);

        await ActivateAsync(whiteIsBad.ModelId);
        var first = await JudgeWhiteAsync();
        Assert.Equal(("Bad", whiteIsBad.ModelId), (first.Classification, first.ModelId));

        var whiteIsGood = await ImportAsync(BrightnessModel.Onnx(inverted: true), "white is good", parent: whiteIsBad.ModelId);
        Assert.Equal(whiteIsBad.ModelId, whiteIsGood.ParentModelId);
        await ActivateAsync(whiteIsGood.ModelId);
        var second = await JudgeWhiteAsync();
        Assert.Equal(("Good", whiteIsGood.ModelId), (second.Classification, second.ModelId));

        var rollback = await ActingAs("jane").PostAsync($"/api/v1/plot-types/{Plot}/models/rollback", null);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var third = await JudgeWhiteAsync();
        Assert.Equal(("Bad", whiteIsBad.ModelId), (third.Classification, third.ModelId));

        var history = await GetAsync<List<ActivationView>>($"/api/v1/plot-types/{Plot}/models/activations");
        Assert.Equal([whiteIsBad.ModelId, whiteIsGood.ModelId, whiteIsBad.ModelId], history.OrderBy(a => a.ActivatedAt).Select(a => a.ModelId!.Value));
        Assert.Equal("jane", history.OrderBy(a => a.ActivatedAt).Last().ActivatedBy);
        var listed = await GetAsync<List<ModelView>>($"/api/v1/plot-types/{Plot}/models");
        Assert.Equal(whiteIsBad.ModelId, Assert.Single(listed, m => m.IsActive).ModelId);
    }

    [Fact]
    public async Task An_experts_threshold_applies_to_the_next_image_and_records_who()
    {
        var model = await ImportAsync(BrightnessModel.Onnx(), "white is bad");
        await ActivateAsync(model.ModelId);
        Assert.True((await JudgeWhiteAsync()).Confirmed);

        var response = await ActingAs("Rafo (ECAL expert)").PutAsJsonAsync($"/api/v1/models/{model.ModelId}/thresholds/Bad", new ThresholdRequest(0.99999f, "typed name"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var unconfirmed = await JudgeWhiteAsync();
        Assert.Equal(("Bad", false), (unconfirmed.Classification, unconfirmed.Confirmed));

        var stored = await GetAsync<ModelView>($"/api/v1/models/{model.ModelId}");
        var bad = Assert.Single(stored.Thresholds, t => t.Classification == "Bad");
        Assert.Equal(("Rafo (ECAL expert)", "Rafo (ECAL expert)", 0.99999f), (bad.Method, bad.SetBy, bad.Threshold));

        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PutAsJsonAsync($"/api/v1/models/{model.ModelId}/thresholds/Bad", new ThresholdRequest(1.5f, "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PutAsJsonAsync($"/api/v1/models/{model.ModelId}/thresholds/Cosmic", new ThresholdRequest(0.5f, "x"))).StatusCode);
    }

    [Theory]
    [InlineData("garbage bytes")]
    [InlineData("empty file")]
    public async Task A_file_that_is_not_a_Hydra_model_is_refused_and_nothing_is_stored(string kind)
    {
        var bytes = kind == "garbage bytes" ? "not an onnx model"u8.ToArray() : [];
        var response = await Api.PostAsync($"/api/v1/plot-types/{Plot}/models", ModelForm(bytes, "broken"));
        Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM models"));
    }

    private static MultipartFormDataContent ModelForm(byte[] onnx, string name, Guid? parent = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(name), "name" }, { new ByteArrayContent(onnx), "file", "model.onnx" } };
        if (parent is not null) form.Add(new StringContent(parent.Value.ToString()), "parent");
        return form;
    }

    private async Task<ModelView> ImportAsync(byte[] onnx, string name, Guid? parent = null)
    {
        var response = await Api.PostAsync($"/api/v1/plot-types/{Plot}/models", ModelForm(onnx, name, parent));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ModelView>(HydraJson.Options))!;
    }

    private async Task ActivateAsync(Guid modelId)
    {
        var response = await Api.PostAsync($"/api/v1/models/{modelId}/activate?by=shift", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<VerdictView> JudgeWhiteAsync()
    {
        _chunk++;
        var image = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: _chunk, width: 32, height: 32), 6600, Plot, _chunk);
        return await WaitForVerdictAsync(image.ImageId);
    }
}
