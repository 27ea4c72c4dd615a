using System.Net;
using System.Text;
using System.Text.Json;
using Hydra.Core.Monitoring;
using Hydra.Web.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Web.Tests;

/// <summary>
/// A chunk's burst of verdicts reaches an open page through one trip through its dispatcher and
/// one redraw, and every plot ends up on the new chunk.
/// </summary>
public sealed class RunWatchTests
{
    private const int Plots = 95;

    [Fact]
    public async Task A_burst_of_verdicts_is_applied_in_one_dispatch_and_one_redraw()
    {
        var state = new RunState(new RunView(16042, "RG-A", Verdicts.Start, null, 50, "LH2", -1, -1),
            [.. Enumerable.Range(0, Plots).Select(i => new PlotState($"DC_plot{i:00}", "DC", Verdicts.Of($"DC_plot{i:00}", "Good", chunk: 1)))], 0, Verdicts.Start);
        var events = new LiveEvents(null!, NullLogger<LiveEvents>.Instance);
        using var watch = new RunWatch(new InferenceApi(new HttpClient(new CannedRun(state)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance),
            events, new ConfigurationBuilder().Build());

        // The page's dispatcher runs one piece of work at a time; the test holds it busy during the burst.
        var dispatcher = new SemaphoreSlim(1, 1);
        var dispatches = 0;
        await watch.StartAsync(async work =>
        {
            Interlocked.Increment(ref dispatches);
            await dispatcher.WaitAsync();
            try { await work(); } finally { dispatcher.Release(); }
        });
        var redraws = 0;
        watch.Changed += () => Interlocked.Increment(ref redraws);
        Assert.Equal(Plots, watch.Plots.Count(p => p.Latest.Chunk == 1));

        await dispatcher.WaitAsync();
        dispatches = 0;
        for (var i = 0; i < Plots; i++) events.Deliver(new VerdictEvent(Verdicts.Start, Verdicts.Of($"DC_plot{i:00}", "Bad", chunk: 2, imageId: 1000 + i)));
        dispatcher.Release();

        for (var wait = 0; wait < 100 && (redraws == 0 || watch.Plots.Any(p => p.Latest.Chunk != 2)); wait++) await Task.Delay(50);
        Assert.All(watch.Plots, p => Assert.Equal((2, "Bad"), (p.Latest.Chunk, p.Latest.Classification)));
        Assert.InRange(dispatches, 1, 3); // one drain (plus, at most, the 2-second tick), not one per verdict
        Assert.InRange(redraws, 1, 2);
    }

    [Fact]
    public async Task A_quiet_tick_does_not_redraw_and_a_reload_that_brings_nothing_new_keeps_every_card()
    {
        var state = new RunState(new RunView(16042, "RG-A", Verdicts.Start, null, 50, "LH2", -1, -1),
            [.. Enumerable.Range(0, Plots).Select(i => new PlotState($"DC_plot{i:00}", "DC", Verdicts.Of($"DC_plot{i:00}", "Good", chunk: 1)))], 0, DateTimeOffset.UtcNow);
        var events = new LiveEvents(null!, NullLogger<LiveEvents>.Instance);
        using var watch = new RunWatch(new InferenceApi(new HttpClient(new CannedRun(state)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance),
            events, new ConfigurationBuilder().Build());
        await watch.StartAsync(work => work());
        var redraws = 0;
        watch.Changed += () => Interlocked.Increment(ref redraws);
        var before = watch.Plots.ToDictionary(p => p.PlotName);

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // one 2-second tick: still LIVE, nothing new
        Assert.Equal(("live", 0), (watch.LiveState, redraws));

        // The same run announced again reloads it from Inference: the same verdicts come back as new objects.
        events.Deliver(new RunChangedEvent(DateTimeOffset.UtcNow, state.Run));
        for (var wait = 0; wait < 40 && redraws == 0; wait++) await Task.Delay(50);
        Assert.Equal(1, redraws);
        Assert.All(watch.Plots, p => Assert.Same(before[p.PlotName], p)); // a card redraws only for a new state object
    }

    [Fact]
    public async Task A_page_pinned_to_an_earlier_run_stays_on_it_when_a_newer_run_starts_and_says_past_once_it_ended()
    {
        var ended = new RunState(new RunView(16041, "RG-A", Verdicts.Start.AddHours(-2), Verdicts.Start.AddHours(-1), 50, "LH2", -1, -1),
            [new PlotState("ECAL_adcOccupancy", "ECAL", Verdicts.Of("ECAL_adcOccupancy", "Bad", chunk: 9, run: 16041))], 0, Verdicts.Start.AddHours(-1));
        var current = new RunState(new RunView(16042, "RG-A", Verdicts.Start, null, 50, "LH2", -1, -1),
            [new PlotState("ECAL_adcOccupancy", "ECAL", Verdicts.Of("ECAL_adcOccupancy", "Good", chunk: 1))], 0, DateTimeOffset.UtcNow);
        var events = new LiveEvents(null!, NullLogger<LiveEvents>.Instance);
        using var watch = new RunWatch(new InferenceApi(new HttpClient(new CannedRun(current, ended)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance),
            events, new ConfigurationBuilder().Build());

        await watch.StartAsync(work => work(), run: 16041);
        Assert.Equal((16041, "past", 9), (watch.Run!.RunNumber, watch.LiveState, watch.Plots.Single().Latest.Chunk));
        Assert.StartsWith("ended ", watch.LiveDetail);

        // The current run's verdicts and its start do not take the pinned page over.
        events.Deliver(new VerdictEvent(DateTimeOffset.UtcNow, Verdicts.Of("ECAL_adcOccupancy", "Good", chunk: 2, imageId: 99)));
        events.Deliver(new RunChangedEvent(DateTimeOffset.UtcNow, current.Run));
        await Task.Delay(300);
        Assert.Equal((16041, "Bad", 9), (watch.Run!.RunNumber, watch.Plots.Single().Latest.Classification, watch.Plots.Single().Latest.Chunk));

        // A run number nobody sent: waiting for it, not "Inference unreachable".
        using var unknown = new RunWatch(new InferenceApi(new HttpClient(new CannedRun(current, ended)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance),
            events, new ConfigurationBuilder().Build());
        await unknown.StartAsync(work => work(), run: 99);
        Assert.Equal((null, "waiting", "run 99 has sent no image"), (unknown.Run, unknown.LiveState, unknown.LiveDetail));
    }

    [Fact]
    public async Task A_quiet_run_says_starting_while_the_default_models_install_and_stale_names_the_images_still_waiting()
    {
        var run = new RunView(16042, "RG-A", Verdicts.Start, null, 50, "LH2", -1, -1);
        var events = new LiveEvents(null!, NullLogger<LiveEvents>.Instance);
        RunWatch Watching(RunState state) => new(new InferenceApi(new HttpClient(new CannedRun(state)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance),
            events, new ConfigurationBuilder().Build());

        using var starting = Watching(new RunState(run, [], 0, null, ImagesWaiting: 3, InstallingDefaultModels: true));
        await starting.StartAsync(work => work());
        Assert.Equal(("starting", "installing the default models; 3 images wait for their verdict"), (starting.LiveState, starting.LiveDetail));

        // Verdicts stopped while images keep arriving: the classifier, not mon12, is where to look.
        var last = DateTimeOffset.UtcNow.AddMinutes(-30);
        using var stuck = Watching(new RunState(run, [new PlotState("DC_plot00", "DC", Verdicts.Of("DC_plot00", "Good", chunk: 1))], 0, last, ImagesWaiting: 1));
        await stuck.StartAsync(work => work());
        Assert.Equal(("stale", $"no new verdict since {last.ToLocalTime():HH:mm:ss}; 1 image waits for its verdict"), (stuck.LiveState, stuck.LiveDetail));

        // A live run is live, whatever a replica is still installing.
        using var live = Watching(new RunState(run, [new PlotState("DC_plot00", "DC", Verdicts.Of("DC_plot00", "Good", chunk: 1))], 0, DateTimeOffset.UtcNow, InstallingDefaultModels: true));
        await live.StartAsync(work => work());
        Assert.Equal("live", live.LiveState);
    }

    private sealed class CannedRun(RunState state, RunState? earlier = null) : HttpMessageHandler
    {
        private string Body(string path) =>
            path == "/api/v1/runs/current" ? JsonSerializer.Serialize(state, InferenceApi.Json)
            : earlier is not null && path == $"/api/v1/runs/{earlier.Run.RunNumber}" ? JsonSerializer.Serialize(earlier, InferenceApi.Json)
            : "[]";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var body = Body(path);
            // Inference answers 404 for a run number it never saw.
            var unknownRun = body == "[]" && path.StartsWith("/api/v1/runs/", StringComparison.Ordinal) && int.TryParse(path["/api/v1/runs/".Length..], out _);
            return Task.FromResult(unknownRun
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
