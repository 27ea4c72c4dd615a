using System.Globalization;

namespace Hydra.Bench.Load;

/// <summary>The benchmark's knobs; the defaults keep a run to about three minutes on 2 cores.</summary>
public sealed record LoadOptions(int Sources, int Plots, TimeSpan Interval, int Cycles, int Scale, string ScaleBy, int Pages, TimeSpan Drain, int IdleSeconds)
{
    public const string Help = """
        dotnet run -c Release --project bench/Hydra.Bench.Load [-- options]
          --sources N     experiments in phase 1 (3)
          --plots N       plots each experiment sends per chunk (95)
          --interval S    seconds between an experiment's chunks (30)
          --cycles N      chunks per experiment in each phase (2; more for a longer run)
          --scale N       phase 2 is N times phase 1 (10)
          --scale-by X    sources: N times the experiments (default); rate: the same experiments, N times as often
          --pages N       Run pages open in Chromium (4)
          --drain S       seconds to wait for the last verdicts after the last upload (60)
          --idle S        seconds measured with the pages open and nothing sent (10)
        """;

    /// <summary>
    /// "10 times that" as 30 experiments by default rather than 3 sending every 3 s: a monitoring
    /// program's cadence is set by its events per chunk, so more load means more sources (halls,
    /// detectors, parallel runs), and 30 runs exercise what 3 do not: 30 run states, 30 sets of
    /// episodes, and events for runs a Run page does not show. The rate variant stays one flag away.
    /// </summary>
    public static LoadOptions? Parse(string[] args)
    {
        var options = new LoadOptions(3, 95, TimeSpan.FromSeconds(30), 2, 10, "sources", 4, TimeSpan.FromSeconds(60), 10);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture) is var n and >= 0 ? n : throw new ArgumentException($"{args[i - 1]}: a number >= 0");
            options = args[i] switch
            {
                "--sources" => options with { Sources = Math.Max(1, Int()) },
                "--plots" => options with { Plots = Math.Clamp(Int(), 1, 500) },
                "--interval" => options with { Interval = TimeSpan.FromSeconds(Math.Max(1, Int())) },
                "--cycles" => options with { Cycles = Math.Max(1, Int()) },
                "--scale" => options with { Scale = Math.Max(1, Int()) },
                "--scale-by" => options with { ScaleBy = Next() is "sources" or "rate" ? args[i] : throw new ArgumentException("--scale-by: sources or rate") },
                "--pages" => options with { Pages = Int() },
                "--drain" => options with { Drain = TimeSpan.FromSeconds(Int()) },
                "--idle" => options with { IdleSeconds = Int() },
                "--help" or "-h" => null,
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Help}"),
            };
            if (options is null) return null;
        }
        return options;
    }
}
