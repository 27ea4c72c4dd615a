using System.Net.Http.Json;
using System.Text.Json;
using Hydra.Core;
using Hydra.Core.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Integration.Tests;

/// <summary>The AppHost's demo: Iolaus streams a run over HTTP and Inference judges every image.</summary>
[Collection(HydraAppCollection.Name)]
public sealed class DemoStreamTests(HydraAppFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>What Iolaus printed, for the failure message: why nothing arrived.</summary>
    private async Task<string> IolausLogAsync()
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            var logs = fixture.App.Services.GetRequiredService<ResourceLoggerService>();
            await foreach (var batch in logs.WatchAsync(HydraResources.Iolaus).WithCancellation(timeout.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException) { }
        return "no run state from Inference; Iolaus said:\n" + string.Join("\n", lines.TakeLast(30));
    }

    [Fact]
    public async Task Iolaus_streams_a_run_that_Inference_judges_plot_by_plot()
    {
        using var inference = fixture.App.CreateHttpClient(HydraResources.Inference, "http").AsTestAdmin();
        RunState? state = null;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var response = await inference.GetAsync("/api/v1/runs/current");
            if (response.IsSuccessStatusCode)
            {
                state = await response.Content.ReadFromJsonAsync<RunState>(Json);
                if (state!.Plots.Count == HydraAppFixture.DemoPlots.Length) break;
            }
            await Task.Delay(500);
        }

        Assert.True(state is not null, await IolausLogAsync());
        Assert.Equal(HydraAppFixture.DemoPlots.Order(), state.Plots.Select(p => p.PlotName).Order());
        Assert.All(state.Plots, p => Assert.False(string.IsNullOrEmpty(p.Latest.Classification)));
        Assert.Equal("LH2", state.Run.Target); // the conditions Iolaus recorded after the first image
        Assert.Equal(50, state.Run.BeamCurrentNanoAmps);
    }

    /// <summary>
    /// A newcomer's first minutes: the shipped ECAL model judges the demo from the first image, and the
    /// schedule's ECAL sector 2 HV trip (chunks 12-40) raises an alarm — Good before it, Bad during it.
    /// </summary>
    [Fact]
    public async Task The_demo_runs_ECAL_HV_trip_raises_an_alarm_from_the_shipped_default_model()
    {
        using var inference = fixture.App.CreateHttpClient(HydraResources.Inference, "http").AsTestAdmin();
        AlarmView? alarm = null;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (alarm is null && DateTime.UtcNow < deadline)
        {
            var alarms = await inference.GetFromJsonAsync<List<AlarmView>>("/api/v1/alarms?detector=ECAL", Json);
            alarm = alarms!.FirstOrDefault(a => a.PlotName == "ECAL_adcOccupancy" && a.Kind == AlarmKind.BadPlot);
            if (alarm is null) await Task.Delay(1000);
        }
        Assert.True(alarm is not null, "no ECAL alarm within 3 minutes of the demo run (its HV trip starts at chunk 12, 3 s apart)");

        var verdicts = await inference.GetFromJsonAsync<List<VerdictView>>($"/api/v1/plot-types/ECAL_adcOccupancy/verdicts?run={alarm.RunNumber}", Json);
        Assert.All(verdicts!, v => Assert.NotNull(v.ModelId)); // judged by a model from the first image, never NoModel
        Assert.All(verdicts!.Where(v => v.Chunk < 12), v => Assert.Equal("Good", v.Classification));
        Assert.Contains(verdicts!, v => v.Chunk >= 12 && v.Chunk <= 40 && v.Classification == "Bad" && v.Confirmed);
        // The verdict explains itself in the detector's words.
        var bad = await inference.GetFromJsonAsync<VerdictView>($"/api/v1/images/{verdicts!.First(v => v.Classification == "Bad").ImageId}", Json);
        Assert.NotEmpty(bad!.Regions!);
        Assert.Contains("ECAL", bad.Regions![0].Summary);
    }
}
