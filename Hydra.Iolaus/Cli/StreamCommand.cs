using Hydra.Iolaus.Streaming;

namespace Hydra.Iolaus.Cli;

/// <summary><c>stream</c>: a live run into an inbox folder, with an optional fault schedule.</summary>
public static class StreamCommand
{
    public const string Usage = "stream --inbox FOLDER [--run 16042] [--interval 30] [--chunks 0=forever] [--schedule FILE] [--seed 1] [--plots A,B]";

    public static async Task<int> RunAsync(Arguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var inbox = args.String("inbox") ?? throw new UsageException("stream needs --inbox FOLDER");
        var run = RenderCommand.RunConditionsFrom(args);
        var interval = TimeSpan.FromSeconds(args.Double("interval", 30, 0, 86_400));
        var chunks = args.Int("chunks", 0, 0, 9999);
        var seed = args.Int("seed", 1);
        var plots = RenderCommand.PlotsFrom(args.String("plots"));
        var scheduleFile = args.String("schedule");
        args.RejectUnknown();

        var schedule = FaultSchedule.Empty;
        if (scheduleFile is not null)
        {
            if (!File.Exists(scheduleFile)) throw new UsageException($"schedule file '{scheduleFile}' does not exist");
            try
            {
                schedule = FaultSchedule.Parse(await File.ReadAllTextAsync(scheduleFile, cancellationToken));
            }
            catch (FormatException ex)
            {
                throw new UsageException($"{scheduleFile}: {ex.Message}");
            }
        }

        await output.WriteLineAsync($"streaming run {run.RunNumber} ({run.Island}) into {inbox}, a chunk every {interval.TotalSeconds:0.#} s");
        try
        {
            var written = await new InboxStreamer(inbox, run, seed, schedule, plots).StreamAsync(chunks, interval, output, cancellationToken);
            await output.WriteLineAsync($"{written} images written");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("stopped");
        }
        return 0;
    }
}
