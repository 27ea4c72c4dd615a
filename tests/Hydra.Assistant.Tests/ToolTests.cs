using Hydra.Assistant.Inference;
using Hydra.Assistant.Logbook;
using Hydra.Assistant.Tools;
using Hydra.Testing.Assistant;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Assistant.Tests;

/// <summary>The tools themselves, over the emulated Inference API and the imported logbook: data, or an error as data.</summary>
public sealed class ToolTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    protected override bool ReadsOnly => true;

    private async Task<T> WithToolsAsync<T>(Func<HydraTools, TurnSources, Task<T>> use)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var sources = new TurnSources();
        var tools = new HydraTools(scope.ServiceProvider.GetRequiredService<InferenceClient>(), scope.ServiceProvider.GetRequiredService<LogbookSearch>(), sources);
        return await use(tools, sources);
    }

    [Fact]
    public async Task GradCAM_regions_come_in_detector_and_electronics_coordinates()
    {
        var image = Fixture.Inference.Data.Verdicts.Last(v => v.PlotName == EmulatedMonitoring.Ecal && v.RunNumber == EmulatedMonitoring.CurrentRun).ImageId;
        var (result, sources) = await WithToolsAsync(async (tools, sources) => (await tools.RegionsAsync(image, default), sources));

        Assert.True(result.Ok);
        var region = Assert.Single(result.Data!.Regions);
        Assert.Equal(("ECAL", 1, 12), (region.Detector, region.FirstComponent, region.LastComponent));
        Assert.Equal([2], region.Sectors);
        Assert.Equal([4, 5, 6], region.Layers);
        Assert.Equal(["crate 7 slot 3", "crate 7 slot 4"], region.CrateSlots);
        Assert.Equal([$"[image:{image}]"], result.Cite);
        Assert.True(sources.TryGet(SourceKind.Image, image, out _));
    }

    [Fact]
    public async Task Model_thresholds_say_who_set_each_and_measure_the_latest_verdict_against_it()
    {
        var (result, sources) = await WithToolsAsync(async (tools, sources) => (await tools.ModelThresholdsAsync(EmulatedMonitoring.Ecal, default), sources));

        var m = result.Data!;
        Assert.Equal((EmulatedMonitoring.EcalModel, "ECAL_adcOccupancy v3", "ecal-expert"), (m.ModelId!.Value, m.ModelName, m.ActivatedBy));
        var bad = Assert.Single(m.Thresholds);
        Assert.Equal(("Bad", 0.8f, "chosen by the threshold sweep for the best F1 on labelled images"), (bad.Classification, bad.Threshold, bad.SetHow));
        var latest = Fixture.Inference.Data.Verdicts.Where(v => v.PlotName == EmulatedMonitoring.Ecal).MaxBy(v => (v.RecordedAt, v.VerdictId))!;
        Assert.Equal(latest.ImageId, m.LatestVerdict!.ImageId);
        Assert.StartsWith($"the latest verdict, {latest.Classification} at", m.Note);
        Assert.Equal([$"[image:{latest.ImageId}]"], result.Cite);
        Assert.True(sources.TryGet(SourceKind.Image, latest.ImageId, out _));

        // A plot type without a model says so, as data.
        var none = await WithToolsAsync((tools, _) => tools.ModelThresholdsAsync("DC_occupancy", default));
        Assert.Equal((null, "no active model: every verdict is NoModel, nothing is confirmed and nothing alarms"), (none.Data!.ModelId, none.Data.Note));
    }

    [Theory]
    [InlineData("max_f1", null, null, "chosen by the threshold sweep for the best F1 on labelled images")]
    [InlineData("init", null, null, "Hydra's configured default: nobody tuned it")]
    [InlineData("false_alarm_bar", null, "the lowest with at most 0.5 % confirmed false alarms, on 1000 images of calibration",
        "held to a false-alarm bar when the model was made: the lowest with at most 0.5 % confirmed false alarms, on 1000 images of calibration")]
    [InlineData("Rafo", "Rafo", null, "set by an expert, Rafo")]
    public void A_threshold_method_reads_as_words(string method, string? setBy, string? basis, string expected) =>
        Assert.Equal(expected, ThresholdSummary.From(new Hydra.Core.Monitoring.ThresholdView("Bad", 0.9f, method, setBy, DateTimeOffset.UnixEpoch, basis)).SetHow);

    [Fact]
    public async Task A_missing_alarm_is_an_error_as_data_and_cites_nothing()
    {
        var (result, sources) = await WithToolsAsync(async (tools, sources) => (await tools.AlarmAsync(424242, default), sources));

        Assert.False(result.Ok);
        Assert.Equal("no alarm 424242", result.Error);
        Assert.Null(result.Data);
        Assert.Empty(sources.All);
    }

    [Fact]
    public async Task Alarm_details_carry_the_episode_and_the_latest_verdict()
    {
        var result = await WithToolsAsync((tools, _) => tools.AlarmAsync(EmulatedMonitoring.EcalAlarm, default));

        Assert.Equal((EmulatedMonitoring.EcalEpisode, 12, true), (result.Data!.Episode!.EpisodeId, result.Data.Episode.FirstChunk, result.Data.Episode.Open));
        Assert.Equal(("Bad", 60), (result.Data.LatestVerdict!.Classification, result.Data.LatestVerdict.Chunk));
        var episode = await WithToolsAsync((tools, _) => tools.EpisodeAsync(EmulatedMonitoring.EarlierEcalEpisode, default));
        Assert.Equal((EmulatedMonitoring.EarlierEcalRun, 32.0), (episode.Data!.RunNumber, episode.Data.DurationMinutes));
        var missing = await WithToolsAsync((tools, _) => tools.EpisodeAsync(987654, default));
        Assert.Equal((null, "no episode 987654"), (missing.Data, missing.Error));
    }

    [Fact]
    public async Task Label_statistics_and_an_images_label_history()
    {
        var stats = await WithToolsAsync((tools, _) => tools.LabelStatisticsAsync(EmulatedMonitoring.Ecal, default));
        var ecalImages = Fixture.Inference.Data.Verdicts.Count(v => v.PlotName == EmulatedMonitoring.Ecal);
        Assert.Equal((ecalImages, 40, ecalImages - 40), (stats.Data!.StoredImages, stats.Data.LabelledImages, stats.Data.UnlabelledImages));
        Assert.Equal(Fixture.Inference.Data.Labels.Values.Count(l => l[^1].Classification == "Bad"), stats.Data.LabelledByClass["Bad"]);
        Assert.Equal(40, stats.Data.LabelledByClass.Values.Sum());
        Assert.Equal(1240, stats.Data.EvaluatedImages);
        var unknown = await WithToolsAsync((tools, _) => tools.LabelStatisticsAsync("NoSuch_plot", default));
        Assert.Contains("no plot type", unknown.Error);

        var labelled = Fixture.Inference.Data.Labels.Keys.First();
        var labels = await WithToolsAsync((tools, _) => tools.ImageLabelsAsync(labelled, default));
        Assert.Equal("ecal-expert", Assert.Single(labels.Data!.History).By);
        Assert.NotNull(labels.Data.CurrentLabel);
    }

    [Fact]
    public async Task Similar_episodes_need_overlapping_regions_and_say_how_they_ended()
    {
        var ecal = await WithToolsAsync((tools, _) => tools.SimilarEpisodesAsync(null, EmulatedMonitoring.EcalAlarm, null, default));
        var earlier = Assert.Single(ecal.Data!.Similar);
        Assert.Equal((EmulatedMonitoring.EarlierEcalEpisode, true), (earlier.Episode.EpisodeId, earlier.RegionsOverlap));
        Assert.StartsWith("ended at 2026-11-20 15:32:00Z after 32 min", earlier.Outcome);
        Assert.Contains(earlier.LogbookNotes, n => n.Title == "ECAL sector 2 HV trip");

        // The DC episode of run 16001 was in sector 5 (crate 71): not like crate 44 in sector 2.
        var dc = await WithToolsAsync((tools, _) => tools.SimilarEpisodesAsync(null, EmulatedMonitoring.DcAlarm, null, default));
        Assert.Empty(dc.Data!.Similar);
    }

    [Fact]
    public async Task Run_info_gives_conditions_alarms_and_the_plots_that_are_not_good()
    {
        var run = await WithToolsAsync((tools, _) => tools.RunAsync(null, default));

        Assert.Equal((EmulatedMonitoring.CurrentRun, "LH2", 50.0, 2), (run.Data!.RunNumber, run.Data.Target, run.Data.BeamCurrentNanoAmps, run.Data.ActiveAlarms));
        Assert.Equal(EmulatedMonitoring.CurrentRunImagesWaiting, run.Data.ImagesWaiting);
        Assert.Equal([EmulatedMonitoring.Ecal], run.Data.NotGood.Select(v => v.PlotName));
        Assert.Equal(5, run.Data.Alarms.Count);
        Assert.False((await WithToolsAsync((tools, _) => tools.RunAsync(99999, default))).Ok);
    }
}
