using Hydra.Core.Detectors;

namespace Hydra.Core.TranslationTables;

/// <summary>
/// Builds the translation table of each modelled detector.
/// <list type="bullet">
/// <item>ECAL/PCAL: the real crate numbers (per sector s: ECAL FADC 6s-5, ECAL TDC 6s-4, PCAL FADC
/// 6s-3, PCAL TDC 6s-2).</item>
/// <item>DC: TDC boards of 96 inputs in slots 3-9 and 14-20, one crate per sector and region (14
/// boards x 96 = the 1,344 wires of a region); the crate numbers are synthetic.</item>
/// <item>Everything else, and the slot/channel packing of ECAL: synthetic. Channels are taken in
/// geometry order, per sector for sectored detectors, and packed into FADC250 boards (16 inputs) or
/// TDC boards (32 inputs) in the VXS payload slots 3-10 and 13-20, opening a new crate when full.</item>
/// </list>
/// Tables whose crate numbers are not CLAS12's say <c>synthetic: true</c> in their <c>#meta</c>.
/// </summary>
public static class TranslationTableGenerator
{
    public static readonly int[] PayloadSlots = [3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20];
    public static readonly int[] DcSlots = [3, 4, 5, 6, 7, 8, 9, 14, 15, 16, 17, 18, 19, 20];
    public const int FadcInputs = 16;
    public const int TdcInputs = 32;
    public const int DcTdcInputs = 96;

    /// <summary>First synthetic crate number per detector: above ECAL's real 1-34, apart per detector.</summary>
    private static readonly Dictionary<string, int> SyntheticCrateBase = new()
    {
        ["DC"] = 41, ["FTOF"] = 61, ["CTOF"] = 81, ["CND"] = 84, ["HTCC"] = 87, ["LTCC"] = 89,
        ["FTCAL"] = 91, ["FTHODO"] = 94, ["RICH"] = 101,
    };

    public static IReadOnlyList<TranslationTable> ForAllDetectors() => [.. Clas12.All.Select(For)];

    public static TranslationTable For(DetectorGeometry detector) => detector.Name switch
    {
        "ECAL" => Ecal(detector),
        "DC" => Dc(detector),
        _ => Packed(detector, SyntheticCrateBase[detector.Name]),
    };

    private static TranslationTable Ecal(DetectorGeometry ecal)
    {
        var rows = new List<TranslationRow>();
        foreach (var readout in ecal.Readouts)
        {
            foreach (var group in ecal.Channels.GroupBy(c => (c.Sector, IsPcal: c.Layer <= 3)))
            {
                var crate = 6 * group.Key.Sector - 5 + (group.Key.IsPcal ? 2 : 0) + (readout == Readout.Tdc ? 1 : 0);
                rows.AddRange(Pack(ecal, group.Select(c => new ReadoutChannel(c, readout)), [crate], PayloadSlots, InputsOf(readout)));
            }
        }
        return new TranslationTable(ecal, rows, Meta(ecal, synthetic: false,
            "ECAL/PCAL crate numbers are CLAS12's; slots and channels are packed in strip order"));
    }

    private static TranslationTable Dc(DetectorGeometry dc)
    {
        var rows = new List<TranslationRow>();
        foreach (var group in dc.Channels.GroupBy(c => (c.Sector, Region: Clas12.DcRegion(c.Layer))))
        {
            var crate = SyntheticCrateBase["DC"] + (group.Key.Sector - 1) * 3 + group.Key.Region - 1;
            rows.AddRange(Pack(dc, group.Select(c => new ReadoutChannel(c, Readout.Tdc)), [crate], DcSlots, DcTdcInputs));
        }
        return new TranslationTable(dc, rows, Meta(dc, synthetic: true,
            "one crate per sector and region; 96-input TDC boards in slots 3-9 and 14-20, wires in layer order"));
    }

    private static TranslationTable Packed(DetectorGeometry detector, int firstCrate)
    {
        var rows = new List<TranslationRow>();
        var nextCrate = firstCrate;
        var sectored = detector.Channels.Select(c => c.Sector).Distinct().Count() == Clas12.Sectors;
        foreach (var readout in detector.Readouts)
        {
            var groups = sectored ? detector.Channels.GroupBy(c => c.Sector) : [detector.Channels.GroupBy(_ => 0).Single()];
            foreach (var group in groups)
            {
                var channels = group.Select(c => new ReadoutChannel(c, readout)).ToList();
                var perCrate = PayloadSlots.Length * InputsOf(readout);
                var crates = Enumerable.Range(nextCrate, (channels.Count + perCrate - 1) / perCrate).ToArray();
                nextCrate += crates.Length;
                rows.AddRange(Pack(detector, channels, crates, PayloadSlots, InputsOf(readout)));
            }
        }
        return new TranslationTable(detector, rows, Meta(detector, synthetic: true,
            (sectored ? "one or more crates per sector and readout; " : "crates in sequence per readout; ") +
            $"{FadcInputs}-input FADC and {TdcInputs}-input TDC boards in slots 3-10 and 13-20, in geometry order"));
    }

    private static IEnumerable<TranslationRow> Pack(DetectorGeometry detector, IEnumerable<ReadoutChannel> channels, int[] crates, int[] slots, int inputs)
    {
        var index = 0;
        foreach (var readout in channels)
        {
            var board = index / inputs;
            var crate = crates[board / slots.Length];
            var address = new ElectronicsAddress(crate, slots[board % slots.Length], index % inputs);
            var c = readout.Channel;
            yield return new TranslationRow(address, c.Sector, c.Layer, c.Component, detector.OrderOf(readout));
            index++;
        }
    }

    private static int InputsOf(Readout readout) => readout == Readout.Adc ? FadcInputs : TdcInputs;

    private static Dictionary<string, string> Meta(DetectorGeometry detector, bool synthetic, string rule) => new()
    {
        [TranslationTableMeta.Detector] = detector.Name,
        [TranslationTableMeta.Synthetic] = synthetic ? "true" : "false",
        [TranslationTableMeta.Rule] = rule,
    };
}
