namespace Hydra.Inference.Runs;

/// <summary>
/// One CLAS12 run and the conditions it was taken under. Conditions matter to the models: images
/// cluster by beam and target ("islands"), not by good or bad.
/// </summary>
public sealed class Run
{
    public int Id { get; set; }
    public int RunNumber { get; set; }
    public int? RunPeriodId { get; set; }
    public RunPeriod? RunPeriod { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Nominal beam current in nA; the alarm gate compares the image's own current.</summary>
    public double? BeamCurrentNanoAmps { get; set; }
    public string? Target { get; set; }

    /// <summary>Torus and solenoid field scale, signed: the sign is the polarity.</summary>
    public double? TorusScale { get; set; }
    public double? SolenoidScale { get; set; }
}
