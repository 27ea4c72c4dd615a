using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Hydra.Bench;
using Hydra.Bench.Pipeline;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Tell;
using Hydra.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

// Targets (issue: pipeline), this 2-core machine:
//   throughput arrival -> committed verdict and event, 800x600 PNGs: >= 300 images/s
//   at 10 images/s, p95 arrival -> published event < 300 ms
//   current-run state with 95 plot types in < 10 ms with 1 million stored verdicts
var images = args.Length > 0 ? int.Parse(args[0]) : 1500;
// A service runs all night: the figures are for warm code. Images pass through in rounds of this
// many until a round leaves the JIT nearly idle (tiering promotes hot paths from their first,
// unoptimised compilation on a background thread that shares the two cores); at most MaxRounds.
const int warmUpRound = 1000, maxWarmUpRounds = 6, quietJitMethods = 150;
var servers = new LocalServers();
await servers.StartAsync();
try
{
    var database = await servers.CreateDatabaseAsync();
    await using var host = new BenchHost(new Dictionary<string, string?>
    {
        // A second argument is appended to the connection string, e.g. "Max Auto Prepare=0" to compare.
        ["ConnectionStrings:monitoring-db"] = args.Length > 1 ? $"{database};{args[1]}" : database,
        ["ConnectionStrings:redis"] = servers.RedisConnectionString,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Hydra:Classifier:BatchSize"] = "32",
        ["Hydra:Auth:ServiceKey"] = "bench-service-key",
    });
    // The benchmark uploads and reads as an Admin through Web's service key (ADR-011).
    var api = host.CreateClient();
    api.DefaultRequestHeaders.Add(Hydra.Core.Accounts.ServiceHeaders.ServiceKey, "bench-service-key");
    api.DefaultRequestHeaders.Add(Hydra.Core.Accounts.ServiceHeaders.User, "bench");
    api.DefaultRequestHeaders.Add(Hydra.Core.Accounts.ServiceHeaders.Roles, Hydra.Core.Accounts.HydraRoles.Admin);
    while (!(await api.GetAsync("/health")).IsSuccessStatusCode) await Task.Delay(200);

    Console.WriteLine($"Hydra pipeline benchmark: {Environment.ProcessorCount} cores, real PostgreSQL and Redis, Inference in-process");
    var pngs = Enumerable.Range(0, images + 300 + warmUpRound * maxWarmUpRounds + 1).AsParallel().AsOrdered().Select(BenchImages.Plot).ToArray();
    Console.WriteLine($"  {pngs.Length} distinct 800x600 PNGs, {pngs.Average(p => p.Length) / 1024:0} kB each");

    // One model for the plot type, as after the default models are trained.
    await PostAsync(api, pngs[^1], 1, "BENCH_occupancy", 0);
    await using (var scope = host.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var plot = db.PlotTypes.Single(p => p.Name == "BENCH_occupancy");
        var model = BenchModel.Version(plot.Id);
        db.Models.Add(model);
        plot.ActiveModelId = model.Id;
        await db.SaveChangesAsync();
    }

    var warmUp = 0;
    for (var round = 0; round < maxWarmUpRounds; round++)
    {
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var first = warmUp;
        await Parallel.ForAsync(first, first + warmUpRound, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await PostAsync(api, pngs[images + 300 + i], 1, "BENCH_occupancy", i + 2));
        warmUp += warmUpRound;
        await UntilAsync(async () => await CountAsync(database, "SELECT count(*) FROM verdicts") >= warmUp + 1);
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the background tier-1 compilations of this round finish
        if (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < quietJitMethods) break;
    }
    await ResetStageTimingsAsync(database);
    Console.WriteLine($"  warmed up with {warmUp} images (until a round of {warmUpRound} compiled fewer than {quietJitMethods} methods)");

    // 1. Throughput: 8 sources uploading at once, until every verdict is committed.
    var decodeMs = DecodeCost(pngs.Take(200).ToArray());
    // CPU per image, per process: unlike images/s it does not depend on what else the machine runs.
    await using var meter = new ProcessMeter();
    meter.Add("Inference and the uploaders", () => [Environment.ProcessId], withChildren: false);
    meter.Add("PostgreSQL", () => [servers.PostgresProcessId!.Value]);
    meter.Add("Redis", () => [servers.RedisProcessId!.Value]);
    var cpuBefore = meter.Read();
    var (jitBefore, jitMethodsBefore) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
    var clock = Stopwatch.StartNew();
    await Parallel.ForAsync(0, images, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await PostAsync(api, pngs[i], 2, "BENCH_occupancy", i + 1));
    var ingested = clock.Elapsed.TotalSeconds;
    await UntilAsync(async () => await CountAsync(database, "SELECT count(*) FROM verdicts") >= images + warmUp + 1);
    var total = clock.Elapsed.TotalSeconds;
    var status = await api.GetFromJsonAsync<PipelineStatus>("/api/v1/pipeline/status", HydraJson.Options);
    Console.WriteLine($"Throughput: {images} images, ingest done in {ingested:0.0} s, all verdicts committed in {total:0.0} s: {images / total:0} images/s (target >= 300)");
    foreach (var stage in status!.Stages)
    {
        Console.WriteLine($"  {stage.Stage,-20} mean {stage.MeanMs,7:0.0} ms  p50 {stage.P50Ms,7:0.0}  p95 {stage.P95Ms,7:0.0}  max {stage.MaxMs,8:0.0}");
    }
    var cpuAfter = meter.Read();
    var cpuMs = cpuAfter.Keys.ToDictionary(name => name, name => (cpuAfter[name].CpuSeconds - cpuBefore[name].CpuSeconds) * 1000 / images);
    Console.WriteLine($"  CPU per image: {string.Join(", ", cpuMs.Select(c => $"{c.Key} {c.Value:0.00} ms"))}; "
        + $"{Environment.ProcessorCount} quiet cores would judge {Environment.ProcessorCount * 1000 / cpuMs.Values.Sum():0} images/s");
    var decodeShare = decodeMs / cpuMs.Values.Sum();
    Console.WriteLine($"  PNG decode and shrink to the model input {decodeMs:0.00} ms per image (once: ingest's validating decode also prepares the model input): {decodeShare:P0} of the CPU per image");
    Console.WriteLine($"  JIT during the measurement: {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds:0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore} methods");

    // 2. Latency at 10 images/s: from the start of the upload to the verdict event on Redis.
    await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
    var sent = new ConcurrentDictionary<int, long>();
    var latencies = new ConcurrentBag<double>();
    await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(HydraStreams.EventsChannel), (_, message) =>
    {
        if (JsonSerializer.Deserialize<HydraEvent>(message.ToString(), HydraJson.Options) is VerdictEvent { Verdict.RunNumber: 3 } verdict
            && sent.TryGetValue(verdict.Verdict.Chunk, out var start))
        {
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    });
    const int paced = 200;
    var pace = Stopwatch.StartNew();
    var uploads = new List<Task>();
    for (var i = 0; i < paced; i++)
    {
        while (pace.Elapsed.TotalMilliseconds < i * 100) await Task.Delay(1);
        var chunk = i + 1;
        sent[chunk] = Stopwatch.GetTimestamp();
        uploads.Add(PostAsync(api, pngs[images + i], 3, "BENCH_occupancy", chunk));
    }
    await Task.WhenAll(uploads);
    await UntilAsync(() => Task.FromResult(latencies.Count >= paced));
    var sorted = latencies.Order().ToArray();
    Console.WriteLine($"Latency at 10 images/s ({paced} images): p50 {sorted[sorted.Length / 2]:0} ms, p95 {sorted[(int)(sorted.Length * 0.95)]:0} ms, max {sorted[^1]:0} ms (target p95 < 300 ms)");

    // 3. The Run page's state with a million verdicts in the table.
    var seeding = Stopwatch.StartNew();
    await SeedMillionAsync(database);
    Console.WriteLine($"Run state: seeded 1,000,000 verdicts over 95 plot types in {seeding.Elapsed.TotalSeconds:0} s");
    await redis.GetDatabase().KeyDeleteAsync(HydraStreams.RunStateKey(9000));
    var cold = Stopwatch.StartNew();
    var state = await api.GetFromJsonAsync<RunState>("/api/v1/runs/9000", HydraJson.Options);
    var coldMs = cold.Elapsed.TotalMilliseconds;
    var warm = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        var watch = Stopwatch.StartNew();
        await api.GetFromJsonAsync<RunState>("/api/v1/runs/9000", HydraJson.Options);
        warm.Add(watch.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"  {state!.Plots.Count} plot types: from PostgreSQL (Redis empty) {coldMs:0.0} ms, then from Redis median {warm.Order().ElementAt(25):0.0} ms, worst {warm.Max():0.0} ms (target < 10 ms)");
}
finally
{
    await servers.StopAsync();
}

static async Task PostAsync(HttpClient api, byte[] png, int run, string plot, int chunk)
{
    using var form = new MultipartFormDataContent
    {
        { new StringContent(run.ToString()), "run" }, { new StringContent(plot), "plot" }, { new StringContent(chunk.ToString()), "chunk" },
        { new StringContent("40"), "beam" }, { new ByteArrayContent(png), "file", "plot.png" },
    };
    var response = await api.PostAsync("/api/v1/images", form);
    response.EnsureSuccessStatusCode();
}

// The status endpoint reports the last hour; moving the warm-up's rows two hours back keeps its
// cold-code timings out of the stage figures.
static async Task ResetStageTimingsAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        UPDATE verdicts SET judged_at = judged_at - interval '2 hours';
        UPDATE images SET received_at = received_at - interval '2 hours';
        """, connection);
    await command.ExecuteNonQueryAsync();
}

static double DecodeCost(byte[][] pngs)
{
    var shape = new Hydra.Models.ImageShape(1, BenchImages.ModelHeight, BenchImages.ModelWidth);
    var tensor = new float[shape.Length];
    var watch = Stopwatch.StartNew();
    foreach (var png in pngs) Hydra.Models.Imaging.PlotImage.ToTensor(png, shape, tensor);
    return watch.Elapsed.TotalMilliseconds / pngs.Length;
}

static async Task<long> CountAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return Convert.ToInt64(await command.ExecuteScalarAsync());
}

static async Task UntilAsync(Func<Task<bool>> condition)
{
    var deadline = DateTime.UtcNow.AddMinutes(10);
    while (!await condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
}

// 95 plot types x ~10,500 chunks over a few runs; run 9000 is the current one. Bytes are tiny
// placeholders: the state query never reads image contents.
static async Task SeedMillionAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    const string sql = """
        INSERT INTO plot_types (name, detector, is_chunked, collect_share, is_ignored, registered_at)
        SELECT 'SEED_plot' || p, 'SEED', true, 0.1, false, now() FROM generate_series(1, 95) p;
        INSERT INTO runs (run_number, started_at) SELECT 9000 - r, now() FROM generate_series(0, 9) r;
        INSERT INTO images (plot_type_id, run_id, chunk, content_sha256, width, height, size_bytes, recorded_at, received_at, training_weight, is_collected, enqueued_at, ingest_ms)
        SELECT pt.id, r.id, c, sha256((pt.id || '-' || r.id || '-' || c)::bytea), 800, 600, 1, now(), now(), 1, false, now(), 1
        FROM plot_types pt CROSS JOIN runs r CROSS JOIN generate_series(1, 1053) c
        WHERE pt.name LIKE 'SEED_plot%' AND r.run_number BETWEEN 8991 AND 9000;
        INSERT INTO verdicts (image_id, classification, confidence, confirmed, scores, judged_at, queue_ms, classify_ms)
        SELECT i.id, 'Good', 0.97, true, '{"Good":0.97,"Bad":0.02,"NoData":0.01}', now(), 1, 1
        FROM images i JOIN plot_types pt ON pt.id = i.plot_type_id WHERE pt.name LIKE 'SEED_plot%';
        ANALYZE;
        """;
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}
