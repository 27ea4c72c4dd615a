namespace Hydra.Iolaus.Simulation;

/// <summary>
/// What a run was taken with. Each combination is an "island" (seed talk): its plots look
/// different from another island's and are all Good, so training must sample many of them.
/// </summary>
public sealed record RunConditions(int RunNumber, double BeamCurrentNanoAmps, string Target, int TorusPolarity, int SolenoidPolarity)
{
    public static readonly string[] Targets = ["LH2", "LD2", "C12", "Sn", "Empty"];

    /// <summary>Hits scale with luminosity: beam current times the target's areal density.</summary>
    public double Luminosity => BeamCurrentNanoAmps / 50.0 * TargetFactor;

    public double TargetFactor => Target switch
    {
        "LH2" => 1.0,
        "LD2" => 1.6,
        "C12" => 0.8,
        "Sn" => 1.3,
        "Empty" => 0.15,
        _ => 1.0,
    };

    public string Island => $"{Target} {BeamCurrentNanoAmps:0} nA torus {(TorusPolarity > 0 ? "in" : "out")}bending solenoid {(SolenoidPolarity > 0 ? "+" : "-")}";

    public static RunConditions Default(int runNumber = 16042) => new(runNumber, 50, "LH2", -1, -1);

    /// <summary>A random island, for training sets that must span conditions.</summary>
    public static RunConditions Random(Random random, int runNumber) => new(
        runNumber,
        new[] { 5.0, 10, 25, 40, 50, 75, 100 }[random.Next(7)],
        Targets[random.Next(Targets.Length)],
        random.Next(2) == 0 ? -1 : 1,
        random.Next(2) == 0 ? -1 : 1);
}
