using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Bunit;
using Hydra.Core.Monitoring;
using Hydra.Web.Components.Pages;
using Hydra.Web.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;
using Microsoft.Extensions.Logging;
using Microsoft.FluentUI.AspNetCore.Components;
using Microsoft.JSInterop;

// Targets (issue: Web), this 2-core machine:
//   the Run page with 95 plots: first render < 1 s
//   100 open pages receive a burst of 95 verdicts: each page updated < 1 s after the burst
//   server memory per open page: reported
const int Plots = 95, Pages = 100;
var run = new RunView(16042, "RG-A", DateTimeOffset.UtcNow.AddHours(-1), null, 50, "LH2", -1, -1);
var state = new RunState(run, [.. Enumerable.Range(0, Plots).Select(i => Plot(i, chunk: 1))], 0, DateTimeOffset.UtcNow);
var stateJson = JsonSerializer.Serialize(state, InferenceApi.Json);
var events = new LiveEvents(null!, NullLogger<LiveEvents>.Instance);

Console.WriteLine($"Hydra Web benchmark: {Environment.ProcessorCount} cores, Blazor's renderer (bUnit), {Plots} plots per run");

// 1. First render: a fresh page loads the run state and draws 95 cards.
var firstRender = new List<double>();
for (var i = 0; i < 21; i++)
{
    var watch = Stopwatch.StartNew();
    using var context = NewContext();
    var page = context.Render<RunPage>();
    page.WaitForAssertion(() => { if (page.FindAll(".plot-card").Count != Plots) throw new InvalidOperationException("not yet"); }, TimeSpan.FromSeconds(10));
    if (i > 0) firstRender.Add(watch.Elapsed.TotalMilliseconds); // the first one pays for JIT
}
Report("first render of the Run page, 95 plots", firstRender, "ms", target: 1000);

// 2. 100 open pages, each with its own renderer as each browser has its own circuit; a burst of 95
// new verdicts (the next chunk of every plot) reaches all of them through LiveEvents. Rendered by
// Blazor's HtmlRenderer: the same component diffing as a circuit, without bUnit's DOM parsing.
var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
var open = new List<(HtmlRenderer Renderer, HtmlRootComponent Root, ServiceProvider Services)>();
for (var i = 0; i < Pages; i++)
{
    var services = PageServices();
    var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
    var root = await renderer.Dispatcher.InvokeAsync(() => renderer.RenderComponentAsync<RunPage>());
    await root.QuiescenceTask;
    open.Add((renderer, root, services));
}
var memoryPerPage = (GC.GetTotalMemory(forceFullCollection: true) - memoryBefore) / (double)Pages / 1024;
if (await CountAsync(open[0], "data-chunk=\"1\"") != Plots) throw new InvalidOperationException("the pages did not load the run");

// Inference's state moves on with the burst (a page that reloads meanwhile sees the new chunks too).
var canned = new RunState(run, [.. Enumerable.Range(0, Plots).Select(i => Plot(i, chunk: 2))], 0, DateTimeOffset.UtcNow);
CannedInference.State = JsonSerializer.Serialize(canned, InferenceApi.Json);
var burst = Stopwatch.StartNew();
for (var i = 0; i < Plots; i++) events.Deliver(new VerdictEvent(DateTimeOffset.UtcNow, Plot(i, chunk: 2).Latest));
var updated = new List<double>();
foreach (var page in open)
{
    // A page redraws at most every 200 ms: wait until its markup shows every new chunk.
    while (await CountAsync(page, "data-chunk=\"2\"") != Plots && burst.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(10);
    updated.Add(burst.Elapsed.TotalMilliseconds);
}
var shown = await Task.WhenAll(open.Select(page => CountAsync(page, "data-chunk=\"2\"")));
Report($"burst of {Plots} verdicts rendered on each of {Pages} open pages (time after the burst)", updated, "ms", target: 1000);
Console.WriteLine($"  pages showing all {Plots} new chunks: {shown.Count(n => n == Plots)}/{Pages}");
Console.WriteLine($"  server memory per open Run page: {memoryPerPage:0} kB ({Pages} pages; component state, not the SignalR connection)");
foreach (var page in open) { await page.Renderer.DisposeAsync(); await page.Services.DisposeAsync(); }
return;

static async Task<int> CountAsync((HtmlRenderer Renderer, HtmlRootComponent Root, ServiceProvider Services) page, string marker)
{
    var html = await page.Renderer.Dispatcher.InvokeAsync(() => page.Root.ToHtmlString());
    return (html.Length - html.Replace(marker, "").Length) / marker.Length;
}

ServiceProvider PageServices()
{
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddFluentUIComponents();
    services.AddSingleton(events);
    services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
    services.AddSingleton<IJSRuntime, NoBrowser>();
    services.AddSingleton<NavigationManager, BenchNavigation>();
    services.AddSingleton(new InferenceApi(new HttpClient(new CannedInference(stateJson)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance));
    services.AddTransient<RunWatch>();
    services.AddScoped<Hydra.Web.Assistant.AssistantPageContext>();
    return services.BuildServiceProvider();
}

BunitContext NewContext()
{
    var context = new BunitContext();
    context.JSInterop.Mode = JSRuntimeMode.Loose;
    context.JSInterop.Setup<string[]>("hydra.hiddenPlots").SetResult([]);
    context.Services.AddFluentUIComponents();
    context.Services.AddSingleton(events);
    context.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
    // Inference's answers, served from memory: this measures the page, not the network.
    context.Services.AddSingleton(new InferenceApi(new HttpClient(new CannedInference(stateJson)) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance));
    context.Services.AddTransient<RunWatch>();
    context.Services.AddScoped<Hydra.Web.Assistant.AssistantPageContext>();
    return context;
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
    samples.Sort();
    var p95 = samples[(int)Math.Ceiling(samples.Count * 0.95) - 1];
    Console.WriteLine($"  {what}: median {samples[samples.Count / 2]:0} {unit}, p95 {p95:0} {unit}, max {samples[^1]:0} {unit} (target < {target:0} {unit}: {(p95 < target ? "met" : "NOT met")})");
}

/// <summary>No browser in a benchmark: JS calls (hidden plots, clipboard) answer nothing.</summary>
sealed class NoBrowser : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
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
