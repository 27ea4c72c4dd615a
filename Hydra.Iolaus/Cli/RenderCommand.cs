using System.Text.Json;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>render</c>: one chunk of one run, every plot (or those named), written the way mon12's
/// images reach Hydra: <c>&lt;out&gt;/&lt;run&gt;/&lt;PLOT&gt;_&lt;chunk:0000&gt;.png</c>.
/// </summary>
public static class RenderCommand
{
    public const string Usage =
        "render --out FOLDER [--run 16042] [--chunk 1] [--seed 1] [--fault SPEC]... [--plots A,B] [--target LH2] [--beam 50] [--torus -1] [--solenoid -1] [--layout]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(Arguments args, TextWriter output)
    {
        var folder = args.String("out") ?? throw new UsageException("render needs --out FOLDER");
        var run = RunConditionsFrom(args);
        var chunk = args.Int("chunk", 1, 0, 9999);
        var seed = args.Int("seed", 1);
        var faults = args.All("fault").Select(Parse).ToList();
        var plots = PlotsFrom(args.String("plots"));
        var layout = args.Flag("layout");
        args.RejectUnknown();

        var rendered = new ChunkRenderer().Render(run, chunk, seed, faults, plots);
        var runFolder = Path.Combine(folder, run.RunNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(runFolder);
        foreach (var plot in rendered)
        {
            var stem = Path.Combine(runFolder, $"{plot.Name}_{chunk:0000}");
            File.WriteAllBytes(stem + ".png", plot.Png);
            if (layout) File.WriteAllText(stem + ".layout.json", JsonSerializer.Serialize(plot.Layout, Json));
        }
        output.WriteLine($"{rendered.Count} plots of run {run.RunNumber} chunk {chunk} ({run.Island}) written to {runFolder}");
        foreach (var fault in faults) output.WriteLine($"  fault: {fault.Describe()}");
        return 0;
    }

    internal static RunConditions RunConditionsFrom(Arguments args)
    {
        var target = args.String("target") ?? "LH2";
        if (!RunConditions.Targets.Contains(target)) throw new UsageException($"--target must be one of {string.Join(", ", RunConditions.Targets)}");
        return new RunConditions(
            args.Int("run", 16042, 1, 999_999),
            args.Double("beam", 50, 0, 1000),
            target,
            Polarity(args.Int("torus", -1, -1, 1), "torus"),
            Polarity(args.Int("solenoid", -1, -1, 1), "solenoid"));
    }

    private static int Polarity(int value, string name) => value != 0 ? value : throw new UsageException($"--{name} is -1 or 1");

    internal static Fault Parse(string spec)
    {
        try
        {
            return FaultSpec.Parse(spec);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    internal static IReadOnlyList<PlotDefinition>? PlotsFrom(string? names)
    {
        if (names is null) return null;
        try
        {
            return [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PlotCatalog.Get)];
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message + "; `plots` lists them");
        }
    }
}
