namespace Hydra.Core.Detectors;

/// <summary>
/// CLAS12's detectors as the monitoring sees them, with the channel counts of mon12's monitor
/// classes (../shared/docs/DOMAIN.md). Layer and component numbering follows CCDB: 1-based.
/// </summary>
public static class Clas12
{
    public const int Sectors = 6;

    // Declared first: static initialisers run in textual order and FtCal below needs it.
    private static readonly Lazy<IReadOnlyList<(int, int)>> FtCalGrid = new(() =>
        [.. from row in Enumerable.Range(0, 22)
            from column in Enumerable.Range(0, 22)
            let radius = Math.Sqrt((column - 10.5) * (column - 10.5) + (row - 10.5) * (row - 10.5))
            where radius >= 4.0 && radius <= 11.0
            select (column, row)]);


    /// <summary>ECAL layers 1-9: PCAL U/V/W, EC-inner U/V/W, EC-outer U/V/W.</summary>
    public static readonly int[] EcalStrips = [68, 62, 62, 36, 36, 36, 36, 36, 36];
    public static readonly string[] EcalLayerNames = ["PCAL U", "PCAL V", "PCAL W", "ECin U", "ECin V", "ECin W", "ECout U", "ECout V", "ECout W"];

    public const int DcLayers = 36;
    public const int DcWires = 112;

    /// <summary>FTOF panels as layers 1-3: 1a, 1b, 2.</summary>
    public static readonly int[] FtofPaddles = [23, 62, 5];
    public static readonly string[] FtofPanelNames = ["P1A", "P1B", "P2"];

    public const int CtofPaddles = 48;
    public const int CndSectors = 24;
    public const int CndLayers = 3;
    public const int HtccHalves = 2;
    public const int HtccRings = 4;
    public const int LtccPmtsPerSide = 18;

    /// <summary>FT-Hodo: 8 sectors per layer, odd ones with 9 tiles and even ones with 20 (116 per layer).</summary>
    public static readonly int[] FtHodoTilesPerSector = [9, 20, 9, 20, 9, 20, 9, 20];

    /// <summary>RICH modules sit in sectors 1 and 4; each has 391 multi-anode PMTs of 8 x 8 anodes.</summary>
    public static readonly int[] RichSectors = [1, 4];
    public const int RichPmts = 391;
    public const int RichAnodes = 64;

    public static DetectorGeometry Ecal { get; } = new("ECAL", "Electromagnetic calorimeter: PCAL and EC inner/outer, U/V/W strips",
        from sector in Enumerable.Range(1, Sectors)
        from layer in Enumerable.Range(1, 9)
        from strip in Enumerable.Range(1, EcalStrips[layer - 1])
        select new DetectorChannel(sector, layer, strip), [Readout.Adc, Readout.Tdc]);

    public static DetectorGeometry Dc { get; } = new("DC", "Drift chambers: 6 superlayers x 6 layers x 112 wires per sector",
        from sector in Enumerable.Range(1, Sectors)
        from layer in Enumerable.Range(1, DcLayers)
        from wire in Enumerable.Range(1, DcWires)
        select new DetectorChannel(sector, layer, wire), [Readout.Tdc], order: (_, _) => 0);

    public static DetectorGeometry Ftof { get; } = new("FTOF", "Forward time-of-flight: panels 1a/1b/2, a PMT at each end",
        from sector in Enumerable.Range(1, Sectors)
        from layer in Enumerable.Range(1, 3)
        from paddle in Enumerable.Range(1, FtofPaddles[layer - 1])
        from side in new[] { 0, 1 }
        select new DetectorChannel(sector, layer, paddle, side), [Readout.Adc, Readout.Tdc]);

    public static DetectorGeometry Ctof { get; } = new("CTOF", "Central time-of-flight: 48 paddles read upstream and downstream",
        from paddle in Enumerable.Range(1, CtofPaddles)
        from side in new[] { 0, 1 }
        select new DetectorChannel(1, 1, paddle, side), [Readout.Adc, Readout.Tdc]);

    public static DetectorGeometry Cnd { get; } = new("CND", "Central neutron detector: 24 sectors x 3 layers, left and right",
        from sector in Enumerable.Range(1, CndSectors)
        from layer in Enumerable.Range(1, CndLayers)
        from side in new[] { 0, 1 }
        select new DetectorChannel(sector, layer, 1, side), [Readout.Adc, Readout.Tdc]);

    public static DetectorGeometry Htcc { get; } = new("HTCC", "High-threshold Cherenkov counter: 6 sectors x 2 halves x 4 rings",
        from sector in Enumerable.Range(1, Sectors)
        from half in Enumerable.Range(1, HtccHalves)
        from ring in Enumerable.Range(1, HtccRings)
        select new DetectorChannel(sector, half, ring), [Readout.Adc]);

    public static DetectorGeometry Ltcc { get; } = new("LTCC", "Low-threshold Cherenkov counter: 6 sectors x 2 sides x 18 PMTs",
        from sector in Enumerable.Range(1, Sectors)
        from side in new[] { 0, 1 }
        from pmt in Enumerable.Range(1, LtccPmtsPerSide)
        select new DetectorChannel(sector, 1, pmt, side), [Readout.Adc]);

    /// <summary>FT-Cal crystals fill a 22 x 22 grid between radii 4 and 11 cells from its centre: 332 crystals.</summary>
    public static DetectorGeometry FtCal { get; } = new("FTCAL", "Forward tagger calorimeter: 332 PbWO4 crystals",
        FtCalCrystals().Select((_, i) => new DetectorChannel(1, 1, i + 1)), [Readout.Adc]);

    public static DetectorGeometry FtHodo { get; } = new("FTHODO", "Forward tagger hodoscope: 2 layers x 116 tiles",
        from layer in new[] { 1, 2 }
        from sector in Enumerable.Range(1, 8)
        from tile in Enumerable.Range(1, FtHodoTilesPerSector[sector - 1])
        select new DetectorChannel(sector, layer, tile), [Readout.Adc]);

    public static DetectorGeometry Rich { get; } = new("RICH", "Ring-imaging Cherenkov: sectors 1 and 4, 391 MaPMTs x 64 anodes",
        from sector in RichSectors
        from pmt in Enumerable.Range(1, RichPmts)
        from anode in Enumerable.Range(1, RichAnodes)
        select new DetectorChannel(sector, pmt, anode), [Readout.Tdc]);

    public static IReadOnlyList<DetectorGeometry> All { get; } = [Ecal, Dc, Ftof, Ctof, Cnd, Htcc, Ltcc, FtCal, FtHodo, Rich];

    public static DetectorGeometry Get(string name) =>
        All.FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown detector '{name}'; known: {string.Join(", ", All.Select(d => d.Name))}");

    /// <summary>Grid cells (column, row), 0-based on 22 x 22, of the FT-Cal crystals in component order.</summary>
    public static IReadOnlyList<(int Column, int Row)> FtCalCrystals() => FtCalGrid.Value;

    /// <summary>DC region (1-3) of a layer (1-36): two superlayers per region.</summary>
    public static int DcRegion(int layer) => (layer - 1) / 12 + 1;

    /// <summary>DC superlayer (1-6) of a layer (1-36).</summary>
    public static int DcSuperlayer(int layer) => (layer - 1) / 6 + 1;
}
