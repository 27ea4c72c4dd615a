using System.Collections.Concurrent;
using System.Diagnostics;
using Hydra.Core.Accounts;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;
using Hydra.Iolaus.Streaming;

namespace Hydra.Bench.Load;

/// <summary>One image's way through Hydra, by wall clock (Unix ms, comparable with the browser's Date.now()).</summary>
public sealed class Upload
{
    public required int Phase;
    public long SentAt;          // the upload started (Stopwatch ticks)
    public long SentAtUnixMs;
    public long AcceptedAt;      // Inference answered 2xx (Stopwatch ticks), 0 if not
    public long VerdictAt;       // the verdict event arrived on hydra:events (Stopwatch ticks), 0 if not yet
    public long VerdictAtUnixMs;
    public string? Refusal;      // how Inference refused it, if it did
}

/// <summary>Every upload by (run, plot, chunk); the Redis listener and the pages look them up here.</summary>
public sealed class Ledger
{
    public ConcurrentDictionary<(int Run, string Plot, int Chunk), Upload> Uploads { get; } = new();

    /// <summary>By the image id its verdict event carried: what a Run page's card names.</summary>
    public ConcurrentDictionary<long, Upload> ByImage { get; } = new();

    public IEnumerable<Upload> Of(int phase) => Uploads.Values.Where(u => u.Phase == phase);
}

/// <summary>
/// A simulated experiment: its own run number and ingest key, posting every plot of a chunk each
/// interval through Iolaus's own HTTP source (<see cref="HttpSink"/>, what <c>iolaus stream --post</c>
/// runs: one image after the other, retries on 503, run conditions and layouts sent once), as a
/// monitoring program that saves its ~95 images at once and uploads them. Every image has distinct
/// bytes (ingest is idempotent by content), the same picture per plot type.
/// </summary>
public sealed class Source
{
    private readonly HttpClient _http;
    private readonly RefusalLog _refusals = new();
    private readonly HttpSink _sink;
    private readonly RunConditions _run;
    private readonly IReadOnlyList<RenderedPlot> _plots;
    private readonly Ledger _ledger;
    private int _chunk;

    public Source(int run, string apiKey, Uri inference, IReadOnlyList<RenderedPlot> plots, Ledger ledger)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = inference, Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Add(ServiceHeaders.ApiKey, apiKey);
        _sink = new HttpSink(_http, _refusals);
        _run = RunConditions.Default(run);
        _plots = plots;
        _ledger = ledger;
    }

    public int Run => _run.RunNumber;

    /// <summary>Posts <paramref name="cycles"/> chunks, the first at <paramref name="start"/> + <paramref name="offset"/>, then every <paramref name="interval"/>.</summary>
    public async Task RunAsync(int phase, Stopwatch clock, TimeSpan start, TimeSpan offset, TimeSpan interval, int cycles)
    {
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var due = start + offset + cycle * interval;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var chunk = ++_chunk;
            foreach (var plot in _plots) await PostAsync(phase, plot with { Png = BenchImages.Tagged(plot.Png, $"{Run}/{plot.Name}/{chunk}") }, chunk);
        }
    }

    private async Task PostAsync(int phase, RenderedPlot plot, int chunk)
    {
        var upload = new Upload { Phase = phase, SentAt = Stopwatch.GetTimestamp(), SentAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        _ledger.Uploads[(Run, plot.Name, chunk)] = upload;
        var refusals = _refusals.Count;
        await _sink.WriteAsync(_run, plot, chunk, _run.BeamCurrentNanoAmps, CancellationToken.None);
        if (_refusals.Count == refusals) upload.AcceptedAt = Stopwatch.GetTimestamp();
        else upload.Refusal = _refusals.Last;
    }

    /// <summary>HttpSink reports a refused image as a line ("... refused: 413 ..."); the benchmark counts them.</summary>
    private sealed class RefusalLog : StringWriter
    {
        public int Count { get; private set; }
        public string? Last { get; private set; }

        public override Task WriteLineAsync(string? value)
        {
            if (value?.Contains(" refused: ", StringComparison.Ordinal) == true)
            {
                Count++;
                Last = value.Trim();
            }
            return Task.CompletedTask;
        }
    }
}
