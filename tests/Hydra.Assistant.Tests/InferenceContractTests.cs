using System.Globalization;
using System.Net.Http.Json;
using Hydra.Core.Assistant;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tests;
using Hydra.Testing.Assistant;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hydra.Assistant.Tests;

/// <summary>
/// The assistant against the real Inference service (in-process, its own PostgreSQL database and
/// Redis, a brightness model that calls white images Bad): the wire contracts the emulation mimics
/// are the ones Inference really speaks, and the offline answers hold on real alarms and episodes.
/// </summary>
public sealed class InferenceContractTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    private const string Plot = "ECAL_adcOccupancy";
    private const int Run = 16100;
    private RealInference _inference = null!;
    private HttpClient _inferenceApi = null!;

    public override async Task InitializeAsync()
    {
        await Fixture.FlushRedisAsync();
        _inference = new RealInference(new Dictionary<string, string?>
        {
            ["ConnectionStrings:monitoring-db"] = await Fixture.CreateDatabaseAsync(),
            ["ConnectionStrings:redis"] = Fixture.RedisConnectionString,
            ["Hydra:Watchdog:Silence"] = "01:00:00",
            ["Hydra:DefaultModels:Enabled"] = "false",
            ["Hydra:Auth:ServiceKey"] = TestCallers.ServiceKey,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _inferenceApi = _inference.CreateClient().AsAdmin();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await _inferenceApi.GetAsync("/health")).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Inference never became healthy");
            await Task.Delay(100);
        }
        await BrightnessModel.ActivateAsync(_inference.Services, Plot);

        // Good, Good, then Bad with beam: a confirmed Bad episode and an active alarm.
        foreach (var (chunk, level) in new[] { (1, BrightnessModel.Black), (2, BrightnessModel.Black), (3, BrightnessModel.White), (4, BrightnessModel.White), (5, BrightnessModel.White) })
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(Run.ToString(CultureInfo.InvariantCulture)), "run" }, { new StringContent(Plot), "plot" },
                { new StringContent(chunk.ToString(CultureInfo.InvariantCulture)), "chunk" }, { new StringContent("50"), "beam" },
                { new ByteArrayContent(TestPngs.Grey(level, salt: chunk, width: 32, height: 32)), "file", "image.png" },
            };
            var accepted = await (await _inferenceApi.PostAsync("/api/v1/images", form)).Content.ReadFromJsonAsync<ImageAccepted>();
            while (!(await _inferenceApi.GetAsync($"/api/v1/images/{accepted!.ImageId}")).IsSuccessStatusCode) await Task.Delay(50);
        }
        (await _inferenceApi.PutAsJsonAsync($"/api/v1/runs/{Run}/conditions", new { beamCurrentNanoAmps = 50.0, target = "LH2", torusScale = -1.0, solenoidScale = -1.0, runPeriod = "RG-L" }))
            .EnsureSuccessStatusCode();

        // The assistant presents the service key, as the AppHost configures it.
        Host = new AssistantHost(await Fixture.CreateDatabaseAsync(), Fixture.RedisConnectionString, "http://localhost", Fixture.Embedder,
            settings: new Dictionary<string, string?> { ["Hydra:Auth:ServiceKey"] = TestCallers.ServiceKey },
            inferenceHandler: () => _inference.Server.CreateHandler());
        Api = await Host.StartAsync();
    }

    [Fact]
    public async Task Offline_answers_read_real_alarms_runs_and_verdicts()
    {
        var alarm = Assert.Single((await _inferenceApi.GetFromJsonAsync<List<AlarmView>>("/api/v1/alarms?active=true"))!);

        var now = await ChatAnswer.AskAsync(Api, new ChatRequest("What is alarming now?", "contract"));
        Assert.Contains($"{Plot} (run {Run})", now.Text);
        Assert.Contains($"[alarm:{alarm.AlarmId}]", now.Text);
        Assert.Equal([("alarm", alarm.AlarmId)], now.Sources.Select(s => (s.Kind, s.Id)));

        var why = await ChatAnswer.AskAsync(Api, new ChatRequest("Why is ECAL bad?", "contract"));
        Assert.Contains($"{Plot} in run {Run} is Bad", why.Text);
        Assert.Contains("Bad since chunk 3", why.Text);
        Assert.Contains(why.Sources, s => s.Kind == "image");

        var run = await ChatAnswer.AskAsync(Api, new ChatRequest($"What happened in run {Run}?", "contract"));
        Assert.Contains("Conditions: beam 50 nA, target LH2, torus -1, solenoid -1.", run.Text);
        Assert.Contains($"{Plot}: {alarm.Message}, still active [alarm:{alarm.AlarmId}]", run.Text);
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task Offline_answers_read_the_real_thresholds_and_who_set_them()
    {
        var model = Assert.Single((await _inferenceApi.GetFromJsonAsync<List<ModelView>>($"/api/v1/plot-types/{Plot}/models"))!);
        (await _inferenceApi.PutAsJsonAsync($"/api/v1/models/{model.ModelId}/thresholds/Bad", new ThresholdRequest(0.85f, "Rafo"))).EnsureSuccessStatusCode();
        var setBy = (await _inferenceApi.GetFromJsonAsync<List<ModelView>>($"/api/v1/plot-types/{Plot}/models"))!.Single().Thresholds.Single(t => t.Classification == "Bad").SetBy;

        var answer = await ChatAnswer.AskAsync(Api, new ChatRequest($"Who set the threshold of {Plot}?", "contract"));

        Assert.Contains($"{Plot} is judged by brightness", answer.Text);
        Assert.Contains($"- Bad: 0.85, set by an expert, {setBy}", answer.Text);
        Assert.Contains("reaches its threshold 0.85: confirmed", answer.Text); // the white chunk 5 scores ~1.0
        Assert.Contains(answer.ToolCalls, c => c.Name == "model_thresholds");
        Assert.Single(answer.Sources, s => s.Kind == "image");

        // A newly activated version is not measured against verdicts an earlier one gave.
        await BrightnessModel.ActivateAsync(_inference.Services, Plot, badThreshold: 0.6f);
        var after = await ChatAnswer.AskAsync(Api, new ChatRequest($"What threshold does {Plot} confirm at?", "contract"));
        Assert.Contains("- Bad: 0.60", after.Text);
        Assert.Contains("the active model has not judged an image yet: the latest verdict came from an earlier model", after.Text);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _inferenceApi.Dispose();
        await _inference.DisposeAsync();
    }

    /// <summary>Any type of Hydra.Inference names its assembly (its Program would clash with the assistant's).</summary>
    private sealed class RealInference(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Hydra.Inference.HydraOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
