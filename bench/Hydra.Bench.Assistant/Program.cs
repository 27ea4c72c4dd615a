using System.Diagnostics;
using System.Net.Http.Json;
using Hydra.Assistant.Logbook;
using Hydra.Bench.Assistant;
using Hydra.Core.Assistant;
using Hydra.Testing;
using Hydra.Testing.Assistant;

// Targets (issue 7), this 2-core machine:
//   offline answer to a common question: < 500 ms
//   logbook search over 100,000 entries: < 100 ms
var evaluate = args is ["eval", ..];
var offline = args.Contains("--offline");
LanguageModelSettings? model = null;
if (evaluate && !offline)
{
    model = LanguageModelSettings.FromEnvironment();
    if (model is null)
    {
        // Not a pass: nothing was scored.
        Console.WriteLine("skipped: no endpoint configured (set HYDRA_EVAL_LLM_ENDPOINT and HYDRA_EVAL_LLM_MODEL, optionally HYDRA_EVAL_LLM_KEY; or pass --offline to score the offline mode)");
        return 0;
    }
}

var servers = new LocalServers();
await servers.StartAsync();
await using var inference = await EmulatedInferenceServer.StartAsync();
using var embedder = new TextEmbedder();
var load = Stopwatch.StartNew();
embedder.Embed("warm up");
Console.WriteLine($"Hydra assistant benchmark: {Environment.ProcessorCount} cores, real PostgreSQL, emulated Inference over HTTP; MiniLM loaded in {load.ElapsedMilliseconds} ms");
try
{
    var database = await servers.CreateDatabaseAsync();
    await using var host = new AssistantHost(database, servers.RedisConnectionString, inference.Url, embedder, model?.CreateClient());
    var api = await host.StartAsync();
    foreach (var file in new[] { "run-16042-logbook.json", "history-logbook.json" })
    {
        using var imported = await api.PostAsync("/api/v1/logbook/import?format=json", new StringContent(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", file))));
        imported.EnsureSuccessStatusCode();
    }

    if (evaluate) return await EvaluateAsync(api, model?.Model ?? "offline mode");

    // 1. Offline answers: the six common questions, warm, 20 times each.
    string[] questions = ["What is alarming now?", "Why is ECAL bad?", "What happened in run 16042?", "Has this happened before?", "What does the logbook say about crate 44?",
        "Why did ECAL alarm only now?"];
    var context = new PageContext(AlarmId: EmulatedMonitoring.EcalAlarm);
    foreach (var question in questions) await ChatAnswer.AskAsync(api, new ChatRequest(question, "bench", null, context));
    Console.WriteLine("Offline answers (through the HTTP API, server-sent events read to the end):");
    var all = new List<double>();
    foreach (var question in questions)
    {
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await ChatAnswer.AskAsync(api, new ChatRequest(question, "bench", null, context));
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        all.AddRange(times);
        Console.WriteLine($"  {question,-45} p50 {Percentile(times, 0.5),6:0.0} ms  p95 {Percentile(times, 0.95),6:0.0} ms  max {times.Max(),6:0.0} ms");
    }
    Console.WriteLine($"  all: p95 {Percentile(all, 0.95):0.0} ms, max {all.Max():0.0} ms (target < 500 ms)");

    // 2. Logbook search over 100,000 entries.
    const int entries = 100_000;
    var seeding = Stopwatch.StartNew();
    var distinct = await SyntheticLogbook.SeedAsync(database, embedder, entries);
    Console.WriteLine($"Logbook: {entries:N0} synthetic entries ({distinct} distinct texts embedded) stored in {seeding.Elapsed.TotalSeconds:0} s");
    var first = Stopwatch.StartNew();
    await api.GetFromJsonAsync<List<LogbookHit>>("/api/v1/logbook/search?q=warm");
    Console.WriteLine($"  first search reads the 100,000 new embeddings into the vector index: {first.ElapsedMilliseconds} ms (at start, the service loads what is stored)");

    string[] queries =
    [
        "ECAL HV board tripped in sector 2", "crate 44 lost communication", "high voltage trip calorimeter", "hot channel FTOF", "timing shifted",
        "monitoring histograms stopped updating", "what did the DC expert do about the readout", "noisy channels", "gain drift after calibration", "power-cycled the crate",
    ];
    var searchTimes = new List<double>();
    var filteredTimes = new List<double>();
    for (var round = 0; round < 5; round++)
    {
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            var hits = await api.GetFromJsonAsync<List<LogbookHit>>($"/api/v1/logbook/search?q={Uri.EscapeDataString(query)}&limit=10");
            searchTimes.Add(clock.Elapsed.TotalMilliseconds);
            if (hits is not { Count: > 0 }) throw new InvalidOperationException($"no hit for '{query}'");
            clock.Restart();
            await api.GetFromJsonAsync<List<LogbookHit>>($"/api/v1/logbook/search?q={Uri.EscapeDataString(query)}&run={5000 + round * 1000}&limit=10");
            filteredTimes.Add(clock.Elapsed.TotalMilliseconds);
        }
    }
    Console.WriteLine($"  hybrid search ({searchTimes.Count} queries): p50 {Percentile(searchTimes, 0.5):0.0} ms, p95 {Percentile(searchTimes, 0.95):0.0} ms, max {searchTimes.Max():0.0} ms (target < 100 ms)");
    Console.WriteLine($"  with a run filter: p50 {Percentile(filteredTimes, 0.5):0.0} ms, p95 {Percentile(filteredTimes, 0.95):0.0} ms");
    var embedding = Stopwatch.StartNew();
    foreach (var query in queries) embedder.Embed(query);
    Console.WriteLine($"  of which: query embedding {embedding.Elapsed.TotalMilliseconds / queries.Length:0.0} ms on average");
    return 0;
}
finally
{
    await servers.StopAsync();
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}

static async Task<int> EvaluateAsync(HttpClient api, string modelName)
{
    var questions = Evaluation.Load(Path.Combine(AppContext.BaseDirectory, "Evaluation", "eval-set.json"));
    var results = new List<EvaluationResult>();
    foreach (var question in questions)
    {
        var clock = Stopwatch.StartNew();
        var answer = await ChatAnswer.AskAsync(api, new ChatRequest(question.Question, "evaluation", null, question.Context));
        var result = Evaluation.Score(question, answer, clock.Elapsed.TotalSeconds);
        results.Add(result);
        Console.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {question.Id,-22} {result.Seconds,5:0.0} s{(result.Passed ? "" : "  missing: " + string.Join("; ", result.Missing))}");
    }
    var passed = results.Count(r => r.Passed);
    Console.WriteLine($"{modelName}: {passed}/{results.Count} questions answered with every required fact and source");
    return 0;
}
