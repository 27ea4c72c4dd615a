using Hydra.Iolaus.Streaming;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>stream</c>: a live run into an inbox folder (<c>--inbox</c>) or to Hydra's HTTP ingest
/// (<c>--post http://inference</c>), with an optional fault schedule. <c>--run next</c> (with
/// <c>--post</c>) starts the run after the newest one Hydra knows.
/// </summary>
public static class StreamCommand
{
    public const string Usage = "stream (--inbox FOLDER | --post URL, API key in $HYDRA_API_KEY) [--run 16042|next] [--interval 30] [--chunks 0=forever] [--schedule FILE] [--seed 1] [--plots A,B]";

    public static async Task<int> RunAsync(Arguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var inbox = args.String("inbox");
        var post = args.String("post");
        if ((inbox is null) == (post is null)) throw new UsageException("stream needs either --inbox FOLDER or --post URL");
        Uri? hydra = null;
        if (post is not null && (!Uri.TryCreate(post, UriKind.Absolute, out hydra) || hydra.Scheme is not ("http" or "https")))
        {
            throw new UsageException($"--post needs an http(s) URL, not '{post}'");
        }
        var nextRun = args.String("run") == "next";
        if (nextRun && hydra is null) throw new UsageException("--run next needs --post (Hydra knows the newest run)");
        if (nextRun) args.Remove("run");
        var run = RenderCommand.RunConditionsFrom(args);
        var interval = TimeSpan.FromSeconds(args.Double("interval", 30, 0, 86_400));
        var chunks = args.Int("chunks", 0, 0, 9999);
        var seed = args.Int("seed", 1);
        var plots = RenderCommand.PlotsFrom(args.String("plots"));
        var scheduleFile = args.String("schedule");
        args.RejectUnknown();

        var schedule = await ReadScheduleAsync(scheduleFile, cancellationToken);

        using var http = hydra is null ? null : new HttpClient { BaseAddress = hydra, Timeout = TimeSpan.FromSeconds(30) };
        // Hydra admits a remote source by its ingest API key, read from the environment so that it
        // never shows in a process list or a shell history.
        var apiKey = Environment.GetEnvironmentVariable(Hydra.Core.Accounts.ServiceHeaders.ApiKeyVariable);
        if (http is not null && !string.IsNullOrWhiteSpace(apiKey)) http.DefaultRequestHeaders.Add(Hydra.Core.Accounts.ServiceHeaders.ApiKey, apiKey.Trim());
        try
        {
            if (nextRun) run = run with { RunNumber = await HttpSink.NextRunNumberAsync(http!, run.RunNumber, cancellationToken) };
            IImageSink sink = http is null ? new InboxSink(inbox!) : new HttpSink(http, output);
            await output.WriteLineAsync($"streaming run {run.RunNumber} ({run.Island}) to {inbox ?? post}, a chunk every {interval.TotalSeconds:0.#} s");
            var written = await new RunStreamer(sink, run, seed, schedule, plots).StreamAsync(chunks, interval, output, cancellationToken);
            await output.WriteLineAsync($"{written} images written");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("stopped");
        }
        return 0;
    }

    /// <summary>A schedule file, or no faults; a missing or malformed file is a usage error with its line.</summary>
    internal static async Task<FaultSchedule> ReadScheduleAsync(string? scheduleFile, CancellationToken cancellationToken)
    {
        if (scheduleFile is null) return FaultSchedule.Empty;
        if (!File.Exists(scheduleFile)) throw new UsageException($"schedule file '{scheduleFile}' does not exist");
        try
        {
            return FaultSchedule.Parse(await File.ReadAllTextAsync(scheduleFile, cancellationToken));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{scheduleFile}: {ex.Message}");
        }
    }
}
