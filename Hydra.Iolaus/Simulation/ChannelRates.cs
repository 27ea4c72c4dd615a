using Hydra.Core.Detectors;

namespace Hydra.Iolaus.Simulation;

/// <summary>
/// How often each channel fires per triggered event under given run conditions, before any fault.
/// The shapes follow what the monitoring shows in a good run: DC occupancy highest in region 1 and
/// falling with wire number (forward angles), ECAL varying by strip, FTOF by paddle; beam current
/// and target scale everything, the torus polarity bends particles towards or away from the beam.
/// Each channel also has a fixed gain/efficiency of its own (±20 %), as real channels do.
/// </summary>
public static class ChannelRates
{
    public static double Of(string detector, DetectorChannel c, RunConditions run)
    {
        var lum = run.Luminosity;
        var own = 0.8 + 0.4 * StableHash.Unit(detector.Length * 31 + detector[0], c.Sector, c.Layer * 1000 + c.Component, c.Side);
        var torus = run.TorusPolarity;
        return own * lum * detector switch
        {
            "ECAL" => Ecal(c, torus),
            "DC" => Dc(c, torus, run.SolenoidPolarity),
            "FTOF" => Ftof(c, torus),
            "CTOF" => 0.012 * (0.8 + 0.3 * Math.Sin(2 * Math.PI * c.Component / 48.0 + run.SolenoidPolarity)),
            "CND" => 0.010 * (1.25 - 0.2 * c.Layer) * (1 + 0.1 * run.SolenoidPolarity * Math.Cos(2 * Math.PI * c.Sector / 24.0)),
            "HTCC" => 0.04 * (1.1 - 0.15 * c.Component) * (1 + 0.15 * torus * (c.Layer - 1.5)),
            "LTCC" => 0.012 * Math.Exp(-c.Component / 12.0) * (1 + 0.2 * torus * (c.Side - 0.5)),
            "FTCAL" => 0.05 * FtCal(c.Component, run.SolenoidPolarity),
            "FTHODO" => 0.03 * Math.Exp(-c.Component / 12.0) * (c.Sector % 2 == 0 ? 0.8 : 1.2),
            "RICH" => 0.0008 * Rich(c),
            _ => 0.01,
        };
    }

    private static double Ecal(DetectorChannel c, int torus)
    {
        var strips = Clas12.EcalStrips[c.Layer - 1];
        var x = (c.Component - 0.5) / strips;
        var view = (c.Layer - 1) % 3; // U, V, W: U strips run away from the beam line, V and W towards it
        var profile = view == 0 ? Math.Exp(-2.5 * x) : Math.Exp(-2.5 * (1 - x));
        var stack = ((c.Layer - 1) / 3) switch { 0 => 1.0, 1 => 0.7, _ => 0.45 };
        return 0.03 * stack * (0.25 + profile) * (1 + 0.35 * torus * (x - 0.5));
    }

    private static double Dc(DetectorChannel c, int torus, int solenoid)
    {
        var region = Clas12.DcRegion(c.Layer);
        var regionFactor = region switch { 1 => 3.0 * (1 + 0.1 * solenoid), 2 => 1.6, _ => 1.0 };
        var falloff = 35.0 * (1 + 0.5 * torus);
        return 0.0025 * regionFactor * (0.15 + Math.Exp(-c.Component / falloff));
    }

    private static double Ftof(DetectorChannel c, int torus)
    {
        var paddles = Clas12.FtofPaddles[c.Layer - 1];
        var x = (c.Component - 0.5) / paddles;
        var panel = c.Layer switch { 1 => 1.0, 2 => 0.8, _ => 0.3 };
        return 0.02 * panel * (0.1 + Math.Exp(-3.0 * x)) * (1 + 0.3 * torus * (x - 0.5));
    }

    private static double FtCal(int component, int solenoid)
    {
        var (column, row) = Clas12.FtCalCrystals()[component - 1];
        var radius = Math.Sqrt((column - 10.5) * (column - 10.5) + (row - 10.5) * (row - 10.5));
        var angle = Math.Atan2(row - 10.5, column - 10.5);
        return Math.Exp(-(radius - 4) / 2.5) * (1 + 0.2 * solenoid * Math.Sin(angle));
    }

    private static double Rich(DetectorChannel c)
    {
        // PMTs near the beam (low numbers) see more photons; anodes in the middle of a PMT see a ring.
        var (row, _) = RichLayout.RowAndColumn(c.Layer);
        var anodeRow = (c.Component - 1) / 8 - 3.5;
        var anodeColumn = (c.Component - 1) % 8 - 3.5;
        return Math.Exp(-row / 10.0) * (1 + 0.5 * Math.Exp(-(anodeRow * anodeRow + anodeColumn * anodeColumn) / 6.0));
    }
}
