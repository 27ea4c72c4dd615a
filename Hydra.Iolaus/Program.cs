using Hydra.Iolaus.Cli;
using Hydra.Iolaus.Plots;

// Hydra.Iolaus: the experiment in a box. Every command reports a mistake in its arguments as one
// plain line and exit code 2, never a stack trace.
var commands = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["tt"] = rest => rest.Length > 0 && rest[0] == "export"
        ? TtExportCommand.Run(new Arguments(rest[1..], new HashSet<string>()), Console.Out)
        : throw new UsageException("tt has one sub-command: tt export"),
    ["render"] = rest => RenderCommand.Run(new Arguments(rest, new HashSet<string> { "layout" }), Console.Out),
    ["dataset"] = rest => DatasetCommand.Run(new Arguments(rest, new HashSet<string> { "quiet", "rate-changes-count" }), Console.Out, Console.Error),
    ["logbook"] = rest => LogbookCommand.RunAsync(new Arguments(rest, new HashSet<string>()), Console.Out).GetAwaiter().GetResult(),
    ["train"] = rest => TrainCommand.Run(new Arguments(rest, new HashSet<string> { "quiet" }), Console.Out, Console.Error),
    ["embeddings"] = rest => EmbeddingsCommand.Run(new Arguments(rest, new HashSet<string>()), Console.Out),
    ["calibrate"] = rest => CalibrateCommand.Run(new Arguments(rest, new HashSet<string> { "remove-unmet", "lower" }), Console.Out),
    ["classify"] = rest => ClassifyCommand.Run(new Arguments(rest, new HashSet<string>()), Console.Out),
    ["stream"] = rest =>
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        return StreamCommand.RunAsync(new Arguments(rest, new HashSet<string>()), Console.Out, stop.Token).GetAwaiter().GetResult();
    },
    ["plots"] = _ =>
    {
        foreach (var plot in PlotCatalog.All) Console.WriteLine($"{plot.Detector,-11} {plot.Name}");
        Console.WriteLine($"{PlotCatalog.All.Count} plots");
        return 0;
    },
};

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    PrintUsage(Console.Out);
    return args.Length == 0 ? 2 : 0;
}

try
{
    if (!commands.TryGetValue(args[0], out var command)) throw new UsageException($"unknown command '{args[0]}'");
    return command(args[1..]);
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"iolaus: {ex.Message}");
    PrintUsage(Console.Error);
    return 2;
}
catch (IOException ex)
{
    Console.Error.WriteLine($"iolaus: {ex.Message}");
    return 1;
}
catch (UnauthorizedAccessException ex)
{
    Console.Error.WriteLine($"iolaus: {ex.Message}");
    return 1;
}

static void PrintUsage(TextWriter writer)
{
    writer.WriteLine("usage: dotnet run --project Hydra.Iolaus -- <command>");
    writer.WriteLine($"  {TtExportCommand.Usage}");
    writer.WriteLine($"  {RenderCommand.Usage}");
    writer.WriteLine($"  {DatasetCommand.Usage}");
    writer.WriteLine($"  {TrainCommand.Usage}");
    writer.WriteLine($"  {CalibrateCommand.Usage}");
    writer.WriteLine($"  {ClassifyCommand.Usage}");
    writer.WriteLine($"  {EmbeddingsCommand.Usage}");
    writer.WriteLine($"  {StreamCommand.Usage}");
    writer.WriteLine($"  {LogbookCommand.Usage}");
    writer.WriteLine("  plots                                         list the plots Iolaus renders");
    writer.WriteLine($"  faults: {Hydra.Iolaus.Faults.FaultSpec.Help}");
}
