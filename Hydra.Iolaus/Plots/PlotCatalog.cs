namespace Hydra.Iolaus.Plots;

/// <summary>
/// Every plot Iolaus renders, named as mon12 saves them (../shared/docs/PLOTS.md): per-sector tabs
/// become <c>_s1</c>..<c>_s6</c>.
/// </summary>
public static class PlotCatalog
{
    public static IReadOnlyList<PlotDefinition> All { get; } =
    [
        .. DcPlots.All,
        .. EcalPlots.All,
        .. FtofPlots.All,
        .. CentralPlots.All,
        .. CherenkovPlots.All,
        .. ForwardTaggerPlots.All,
        .. RichPlots.All,
        .. BeamPlots.All,
    ];

    public static PlotDefinition Get(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown plot '{name}'");

    /// <summary>Builds the six per-sector copies of a tab, as mon12's setActiveSector(1..6) loop does.</summary>
    internal static IEnumerable<PlotDefinition> PerSector(string detector, string tab, Func<Simulation.ChunkContext, int, Rendering.PlotCanvas> build) =>
        Enumerable.Range(1, 6).Select(sector => new PlotDefinition($"{detector}_{tab}_s{sector}", detector, chunk => build(chunk, sector)));
}
