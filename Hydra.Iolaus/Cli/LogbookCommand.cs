using System.Globalization;
using System.Text.Json;
using Hydra.Iolaus.Logbook;
using Hydra.Iolaus.Streaming;

namespace Hydra.Iolaus.Cli;

/// <summary><c>logbook</c>: the emulated logbook of a streamed run, as JSON or CSV, matching its fault schedule.</summary>
public static class LogbookCommand
{
    public const string Usage = "logbook --out FILE.json|FILE.csv [--schedule FILE] [--run 16042] [--start 2026-11-27T08:00Z] [--interval 120] [--chunks 100]";

    public static async Task<int> RunAsync(Arguments args, TextWriter output)
    {
        var file = args.String("out") ?? throw new UsageException("logbook needs --out FILE.json or FILE.csv");
        var csv = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) throw new UsageException("--out must end in .json or .csv");
        var run = RenderCommand.RunConditionsFrom(args);
        var startText = args.String("start");
        var start = startText is null ? new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero)
            : DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
            : throw new UsageException($"--start must be a time such as 2026-11-27T08:00Z, not '{startText}'");
        var interval = TimeSpan.FromSeconds(args.Double("interval", 120, 1, 86_400));
        var chunks = args.Int("chunks", 100, 1, 100_000);
        var scheduleFile = args.String("schedule");
        args.RejectUnknown();

        var schedule = await StreamCommand.ReadScheduleAsync(scheduleFile, CancellationToken.None);
        var entries = EmulatedLogbook.Write(run, schedule, start, interval, chunks);
        await File.WriteAllTextAsync(file, csv ? EmulatedLogbook.ToCsv(entries) : JsonSerializer.Serialize(entries, Json));
        await output.WriteLineAsync($"{entries.Count} logbook entries for run {run.RunNumber} written to {file}");
        return 0;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
