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

    /// <summary>
    /// Beam currents a random island is taken at: only what mon12 saves images at (20 nA and up),
    /// so no training or held-out image comes from an island the experiment never shows Hydra
    /// (ADR-020). The order keeps each position's earlier value where it was allowed (25-100 nA):
    /// 20 and 30 took the places of 5 and 10, so every other image of a seed stays the same.
    /// </summary>
    public static readonly double[] BeamCurrents = [20, 30, 25, 40, 50, 75, 100];

    /// <summary>A random island, for training sets that must span conditions.</summary>
    public static RunConditions Random(Random random, int runNumber) => new(
        runNumber,
        BeamCurrents[random.Next(BeamCurrents.Length)],
        Targets[random.Next(Targets.Length)],
        random.Next(2) == 0 ? -1 : 1,
        random.Next(2) == 0 ? -1 : 1);
}
