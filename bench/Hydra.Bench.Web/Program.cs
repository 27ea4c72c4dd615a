using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Hydra.Bench.Web;
using Hydra.Core.Monitoring;
using Hydra.Web.Components.Pages;
using Hydra.Web.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.AspNetCore.Components;
using Microsoft.FluentUI.AspNetCore.Components;
using Microsoft.JSInterop;

// Targets (issue: Web), this 2-core machine:
//   the Run page with 95 plots: first render < 1 s
//   100 open pages receive a burst of 95 verdicts: each page updated < 1 s after the burst
//   server memory per open page: reported
// Each page is rendered as a circuit renders it (CircuitLikeRenderer: Blazor's renderer, its own
// dispatcher, every batch serialised by the circuit's own writer) and times itself: a page has
// rendered the burst when the batch that sets its last new chunk is ready to send.
const int Plots = 95, Pages = 100, Bursts = 3;
var run = new RunView(16042, "RG-A", DateTimeOffset.UtcNow.AddHours(-1), null, 50, "LH2", -1, -1);
var stateJson = StateJson(chunk: 1);
var events = new LiveEvents(null!, NullLogger<LiveEvents>.Instance);

Console.WriteLine($"Hydra Web benchmark: {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
    $"Blazor's renderer{(CircuitLikeRenderer.SerialisesLikeACircuit ? " with the circuit's batch writer" : " (circuit batch writer NOT found: batches not serialised)")}, {Plots} plots per run");

// 1. First render: a fresh page loads the run state and draws 95 cards.
var firstRender = new List<double>();
for (var i = 0; i < 21; i++)
{
    var watch = Stopwatch.StartNew();
    await using var services = PageServices();
    await using var renderer = new CircuitLikeRenderer(services, "data-chunk");
    await renderer.RenderAsync<RunPage>();
    if (i > 0) firstRender.Add(watch.Elapsed.TotalMilliseconds); // the first one pays for JIT
}
Report("first render of the Run page, 95 plots", firstRender, "ms", target: 1000);

// 2. 100 open pages, each with its own renderer and dispatcher as each browser has its own circuit;
// a burst of 95 new verdicts (the next chunk of every plot) reaches all of them through LiveEvents,
// delivered on one thread as the Redis subscription delivers them.
var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
var open = new List<(CircuitLikeRenderer Renderer, ServiceProvider Services)>();
for (var i = 0; i < Pages; i++)
{
    var services = PageServices();
    var renderer = new CircuitLikeRenderer(services, "data-chunk");
    await renderer.RenderAsync<RunPage>();
    open.Add((renderer, services));
}
var memoryPerPage = (GC.GetTotalMemory(forceFullCollection: true) - memoryBefore) / (double)Pages / 1024;

for (var chunk = 2; chunk < 2 + Bursts; chunk++)
{
    await Task.Delay(TimeSpan.FromSeconds(2.5)); // let the previous burst's renders and the collector settle
    // Inference's state moves on with the burst (a page that reloads meanwhile sees the new chunks too).
    CannedInference.State = StateJson(chunk);
    var clock = new Stopwatch();
    foreach (var page in open) await page.Renderer.Dispatcher.InvokeAsync(() => page.Renderer.StartCounting(clock, chunk.ToString(), Plots));
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var collections = GC.CollectionCount(0);
    clock.Start();
    for (var i = 0; i < Plots; i++) events.Deliver(new VerdictEvent(DateTimeOffset.UtcNow, Plot(i, chunk).Latest));
    var delivered = clock.Elapsed;
    while (open.Any(p => p.Renderer.CompletedAt is null) && clock.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(20);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var pages = await Task.WhenAll(open.Select(p => p.Renderer.Dispatcher.InvokeAsync(() =>
        (p.Renderer.CompletedAt, p.Renderer.MarkersRendered, p.Renderer.Busy, p.Renderer.BytesSent, p.Renderer.Batches))));
    var done = pages.Where(p => p.CompletedAt is not null).ToList();
    Report($"burst {chunk - 1}: {Plots} verdicts rendered on each of {Pages} open pages (time after the burst)",
        [.. done.Select(p => p.CompletedAt!.Value.TotalMilliseconds)], "ms", target: 1000);
    Console.WriteLine($"    pages that rendered all {Plots} new chunks: {done.Count}/{Pages}; delivery to all pages took {delivered.TotalMilliseconds:0} ms; " +
        $"render per page median {Median(pages.Select(p => p.Busy.TotalMilliseconds)):0.0} ms in {Median(pages.Select(p => (double)p.Batches)):0} batch(es), " +
        $"{Median(pages.Select(p => p.BytesSent / 1024.0)):0} kB sent; process CPU {cpu.TotalMilliseconds:0} ms, {GC.CollectionCount(0) - collections} gen0 GCs");
}
Console.WriteLine($"  server memory per open Run page: {memoryPerPage:0} kB ({Pages} pages; component state, not the SignalR connection)");
foreach (var page in open) { await page.Renderer.DisposeAsync(); await page.Services.DisposeAsync(); }
return;

string StateJson(int chunk) =>
    JsonSerializer.Serialize(new RunState(run, [.. Enumerable.Range(0, Plots).Select(i => Plot(i, chunk))], 0, DateTimeOffset.UtcNow), InferenceApi.Json);

ServiceProvider PageServices()
{
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddFluentUIComponents();
    services.AddSingleton(events);
    services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
    services.AddSingleton<IJSRuntime, NoBrowser>();
    services.AddSingleton<NavigationManager, BenchNavigation>();
    // Inference's answers, served from memory: this measures the page, not the network.
    services.AddSingleton(new InferenceApi(new HttpClient(new CannedInference(stateJson)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance));
    services.AddTransient<RunWatch>();
    services.AddScoped<Hydra.Web.Assistant.AssistantPageContext>();
    return services.BuildServiceProvider();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
}

static PlotState Plot(int i, int chunk)
{
    var name = $"DET{i / 10}_plot{i:00}";
    var verdict = new VerdictView(i * 100 + chunk, i * 100 + chunk, 16042, name, $"DET{i / 10}", chunk, i % 17 == 0 ? "Bad" : "Good", 0.97f, true,
        new Dictionary<string, float> { ["Good"] = 0.97f, ["Bad"] = 0.02f, ["NoData"] = 0.01f }, Guid.Empty, 50, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, true, null);
    return new PlotState(name, verdict.Detector, verdict);
}

static void Report(string what, List<double> samples, string unit, double target)
{
    if (samples.Count == 0) { Console.WriteLine($"  {what}: no page finished"); return; }
    samples.Sort();
    var p95 = samples[(int)Math.Ceiling(samples.Count * 0.95) - 1];
    Console.WriteLine($"  {what}: median {samples[samples.Count / 2]:0} {unit}, p95 {p95:0} {unit}, max {samples[^1]:0} {unit} (target < {target:0} {unit}: {(p95 < target ? "met" : "NOT met")})");
}

/// <summary>No browser in a benchmark: this browser hides no plots, other JS calls answer nothing.</summary>
sealed class NoBrowser : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        ValueTask.FromResult(identifier == "hydra.hiddenPlots" ? (TValue)(object)Array.Empty<string>() : default(TValue)!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
}

sealed class BenchNavigation : NavigationManager
{
    public BenchNavigation() => Initialize("http://web/", "http://web/");
}

/// <summary>Answers the Run page's three requests: the current run, the news and the active alarms.</summary>
sealed class CannedInference(string stateJson) : HttpMessageHandler
{
    /// <summary>When set, the current run every page reads from now on.</summary>
    public static string? State { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.RequestUri!.AbsolutePath switch
        {
            "/api/v1/runs/current" => State ?? stateJson,
            _ => "[]",
        };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
