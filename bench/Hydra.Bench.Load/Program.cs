using System.Diagnostics;
using System.Text.Json;
using Hydra.Bench;
using Hydra.Bench.Load;
using Hydra.Core.Monitoring;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;
using StackExchange.Redis;

// Issue 8, "Load": several sources at once (3 experiments x 95 plots every 30 s, then 10 times that)
// with Run pages open: throughput, p95 latency, CPU and memory per service. Every service is its own
// process on this machine (Services.cs), the sources post over HTTP with ingest keys, the pages are
// real Blazor circuits in Chromium (RunPages.cs), CPU and memory come from /proc (ProcessMeter.cs).
// Targets from the issue: p95 upload -> verdict event < 300 ms; a verdict on every open page < 1 s.
var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(LoadOptions.Help);
    return 0;
}

Console.WriteLine($"Hydra load benchmark: {Environment.ProcessorCount} cores, {MemoryMegabytes()} MB of memory; services as separate processes (Release build)");
var setup = Stopwatch.StartNew();
await using var services = new Services();
await services.StartAsync();
Console.WriteLine($"  PostgreSQL, redis-server, Inference and Web up in {setup.Elapsed.TotalSeconds:0} s");

// The plots of one chunk as Iolaus renders them (mon12's names, 1590x820 PNGs): its 78 plot types,
// then copies under further names up to --plots (95). Each has an active model, as once the experts
// have trained them: the same small CNN for all, so every image costs a classification.
var rendered = new ChunkRenderer().Render(RunConditions.Default(), 1, 1, []);
var plots = Enumerable.Range(0, options.Plots)
    .Select(i =>
    {
        var plot = rendered[i % rendered.Count];
        return i < rendered.Count ? plot : plot with { Name = $"{plot.Name}_copy{i / rendered.Count}" };
    })
    .ToList();
var onnx = BenchImages.Onnx();
foreach (var plot in plots) await services.InstallModelAsync(plot.Name, onnx);
Console.WriteLine($"  {plots.Count} plot types ({rendered.Count} rendered by Iolaus, PNGs of {plots.Average(p => p.Png.Length) / 1024:0} kB on average), each with an active 1x{BenchImages.ModelHeight}x{BenchImages.ModelWidth} CNN");

// Every verdict event, as Web hears it.
var ledger = new Ledger();
await using var redis = await ConnectionMultiplexer.ConnectAsync(services.RedisConnectionString);
await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(HydraStreams.EventsChannel), (_, message) =>
{
    if (JsonSerializer.Deserialize<HydraEvent>(message.ToString(), Services.Json) is VerdictEvent { Verdict: var verdict }
        && ledger.Uploads.TryGetValue((verdict.RunNumber, verdict.PlotName, verdict.Chunk), out var upload) && upload.VerdictAt == 0)
    {
        upload.VerdictAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        upload.VerdictAt = Stopwatch.GetTimestamp();
        ledger.ByImage[verdict.ImageId] = upload;
    }
});

await using var meter = new ProcessMeter();
var servicePids = new[] { services.Inference.ProcessId, services.Web.ProcessId, services.PostgresProcessId, services.RedisProcessId };
meter.Add("Inference", () => [services.Inference.ProcessId]);
meter.Add("Web", () => [services.Web.ProcessId]);
meter.Add("PostgreSQL", () => [services.PostgresProcessId]);
meter.Add("Redis", () => [services.RedisProcessId]);
meter.Add("Chromium", () => RunPages.BrowserRoots(servicePids));
meter.Add("load generator", () => [Environment.ProcessId], withChildren: false);
meter.Start();

await using var pages = new RunPages();
if (options.Pages > 0) await pages.OpenAsync(services.Web.BaseAddress, "admin", Services.AdminPassword, options.Pages);
Console.WriteLine($"  {options.Pages} Run pages open in Chromium, signed in; setup took {setup.Elapsed.TotalSeconds:0} s");

// The experiments: run numbers 16101, 16102, ...; an ingest key each.
const int FirstRun = 16101;
var sources = new List<Source>();
async Task EnsureSourcesAsync(int count)
{
    while (sources.Count < count)
    {
        var run = FirstRun + sources.Count;
        sources.Add(new Source(run, await services.CreateIngestKeyAsync($"experiment {run}"), services.Inference.BaseAddress, plots, ledger));
    }
}

// Warm-up, not counted: one chunk of every plot type from an earlier run loads the 95 ONNX sessions
// and JIT-compiles the pipeline, as the first minutes of a real deployment would.
var clock = Stopwatch.StartNew();
var warmUp = new Source(FirstRun - 1, await services.CreateIngestKeyAsync("warm-up"), services.Inference.BaseAddress, plots, ledger);
await warmUp.RunAsync(0, clock, clock.Elapsed, TimeSpan.Zero, TimeSpan.Zero, 1);
while (ledger.Of(0).Any(u => u.AcceptedAt != 0 && u.VerdictAt == 0) && clock.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(100);
Console.WriteLine($"  warm-up: {ledger.Of(0).Count(u => u.VerdictAt != 0)}/{plots.Count} verdicts for run {warmUp.Run} in {clock.Elapsed.TotalSeconds:0} s");
if (options.Pages > 0) await pages.TakeUpdatesAsync();

var idleStart = meter.ResetPeaks();
var idleWatch = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
Console.WriteLine();
Console.WriteLine($"Idle ({options.IdleSeconds} s, {options.Pages} pages open, no uploads):");
Report.Processes(meter, idleStart, meter.Read(), idleWatch.Elapsed);

// Phase 1: the issue's 3 experiments. Phase 2: ten times that, by default as 30 experiments (see LoadOptions.ScaleBy).
var phases = new[]
{
    (Sources: options.Sources, Interval: options.Interval),
    options.ScaleBy == "rate"
        ? (Sources: options.Sources, Interval: options.Interval / options.Scale)
        : (Sources: options.Sources * options.Scale, Interval: options.Interval),
};
for (var phase = 1; phase <= phases.Length; phase++)
{
    var (count, interval) = phases[phase - 1];
    await EnsureSourcesAsync(count);
    var offered = count * options.Plots / interval.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"Phase {phase}: {count} experiments x {options.Plots} plots every {interval.TotalSeconds:0.#} s ({offered:0.#} images/s offered), {options.Cycles} cycles, {options.Pages} Run pages open");
    var before = meter.ResetPeaks();
    var watch = Stopwatch.StartNew();
    var start = clock.Elapsed;
    // Staggered evenly over the interval: independent experiments do not save their plots in step.
    await Task.WhenAll(sources.Take(count).Select((source, i) => source.RunAsync(phase, clock, start, interval * i / count, interval, options.Cycles)));
    var sent = watch.Elapsed;
    var uploads = ledger.Of(phase).ToList();
    var drainUntil = DateTime.UtcNow + options.Drain;
    while (uploads.Any(u => u.AcceptedAt != 0 && u.VerdictAt == 0) && DateTime.UtcNow < drainUntil) await Task.Delay(50);
    await Task.Delay(1500); // a page redraws at most every 200 ms; let the last ones land
    var after = meter.Read();
    var updates = options.Pages > 0 ? await pages.TakeUpdatesAsync() : [];
    Report.Phase(uploads, updates, ledger, sent, options.Cycles * interval, options.Pages);
    if (options.Pages > 0) Console.WriteLine($"  pages show: {string.Join(", ", (await pages.HeadingsAsync()).Distinct())}");
    Report.Processes(meter, before, after, watch.Elapsed);
}
return 0;

static long MemoryMegabytes() =>
    File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).FirstOrDefault();
