using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>A run's conditions in one line, as the shift crew says them.</summary>
public static class RunConditions
{
    public static string Describe(RunView run) => string.Join(" · ", new[]
    {
        run.BeamCurrentNanoAmps is { } beam ? (beam > 0 ? $"beam {beam:0.#} nA" : "beam off") : "beam unknown",
        run.Target is { } target ? $"target {target}" : null,
        run.TorusScale is { } torus ? $"torus {torus:+0.##;-0.##;0}" : null,
        run.SolenoidScale is { } solenoid ? $"solenoid {solenoid:+0.##;-0.##;0}" : null,
        run.EndedAt is null ? "running" : $"ended {run.EndedAt.Value.ToLocalTime():HH:mm}",
    }.Where(part => part is not null));
}
