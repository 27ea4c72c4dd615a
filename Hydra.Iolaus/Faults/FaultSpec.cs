using System.Globalization;

namespace Hydra.Iolaus.Faults;

/// <summary>
/// Faults written as short text, for the command line and schedule files:
/// <c>crate:ECAL:9</c>, <c>slot:ECAL:9:5</c>, <c>hv:ECAL:2:4-6:1-12</c> (sector, layers, components),
/// <c>hot:ECAL:2:1:30</c> (sector, layer, component), <c>noisy:DC:3:7:40-52</c>, <c>nodata</c>,
/// <c>lowstats</c>, <c>timing:FTOF:40</c> (ns), <c>jumpy:DC</c>.
/// </summary>
public static class FaultSpec
{
    public const string Help = "crate:DET:CRATE | slot:DET:CRATE:SLOT | hv:DET:SECTOR:LAYERS:COMPONENTS | hot:DET:SECTOR:LAYER:COMPONENT | " +
        "noisy:DET:SECTOR:LAYER:COMPONENTS | nodata | lowstats | timing:DET:NS | jumpy:DET  (ranges as 4-6)";

    public static Fault Parse(string text)
    {
        var parts = text.Trim().Split(':');
        try
        {
            return parts[0].ToLowerInvariant() switch
            {
                "crate" => Expect(parts, 3, () => new CrateKnockOut(Detector(parts[1]), Int(parts[2], "crate"))),
                "slot" => Expect(parts, 4, () => new SlotKnockOut(Detector(parts[1]), Int(parts[2], "crate"), Int(parts[3], "slot"))),
                "hv" => Expect(parts, 5, () =>
                {
                    var (firstLayer, lastLayer) = Range(parts[3], "layers");
                    var (first, last) = Range(parts[4], "components");
                    return new HvTrip(Detector(parts[1]), Int(parts[2], "sector"), firstLayer, lastLayer, first, last);
                }),
                "hot" => Expect(parts, 5, () => new HotChannel(Detector(parts[1]), Int(parts[2], "sector"), Int(parts[3], "layer"), Int(parts[4], "component"))),
                "noisy" => Expect(parts, 5, () =>
                {
                    var (first, last) = Range(parts[4], "components");
                    return new NoisyGroup(Detector(parts[1]), Int(parts[2], "sector"), Int(parts[3], "layer"), first, last);
                }),
                "nodata" => Expect(parts, 1, () => new NoData()),
                "lowstats" => Expect(parts, 1, () => new LowStatistics()),
                "timing" => Expect(parts, 3, () => new TimingShift(Detector(parts[1]),
                    double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ns) ? ns : throw new FormatException($"'{parts[2]}' is not a time in ns"))),
                "jumpy" => Expect(parts, 2, () => new Jumpy(Detector(parts[1]))),
                _ => throw new FormatException($"unknown fault kind '{parts[0]}'"),
            };
        }
        catch (FormatException ex)
        {
            throw new FormatException($"fault '{text}': {ex.Message}. Faults are: {Help}", ex);
        }
    }

    private static Fault Expect(string[] parts, int count, Func<Fault> build) =>
        parts.Length == count ? build() : throw new FormatException($"expected {count - 1} value(s) after '{parts[0]}', found {parts.Length - 1}");

    private static string Detector(string name)
    {
        try
        {
            return Hydra.Core.Detectors.Clas12.Get(name).Name;
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message);
        }
    }

    private static int Int(string text, string what) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"{what} '{text}' is not a whole number");

    private static (int First, int Last) Range(string text, string what)
    {
        var ends = text.Split('-');
        var first = Int(ends[0], what);
        var last = ends.Length == 2 ? Int(ends[1], what) : ends.Length == 1 ? first : throw new FormatException($"{what} '{text}' is not a range like 4-6");
        return last >= first ? (first, last) : throw new FormatException($"{what} '{text}' runs backwards");
    }
}
