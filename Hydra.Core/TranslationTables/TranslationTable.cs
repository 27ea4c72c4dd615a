using Hydra.Core.Detectors;

namespace Hydra.Core.TranslationTables;

/// <summary>One row of a CCDB <c>/daq/tt/&lt;detector&gt;</c> table.</summary>
public readonly record struct TranslationRow(ElectronicsAddress Address, int Sector, int Layer, int Component, int Order);

/// <summary>
/// A translation table: which electronics input reads which detector channel, both ways. This is
/// what turns "crate 9 slot 5 lost power" into "PCAL sector 2, U strips 17-32", and what Iolaus
/// edits to knock crates and slots out, as the seed talk's emulated failures did.
/// </summary>
public sealed class TranslationTable
{
    private readonly Dictionary<ElectronicsAddress, ReadoutChannel> _toDetector = [];
    private readonly Dictionary<ReadoutChannel, ElectronicsAddress> _toElectronics = [];

    public TranslationTable(DetectorGeometry detector, IEnumerable<TranslationRow> rows, IReadOnlyDictionary<string, string>? meta = null)
    {
        Detector = detector;
        Meta = meta ?? new Dictionary<string, string>();
        Rows = [.. rows];
        foreach (var row in Rows)
        {
            var channel = detector.FromOrder(row.Sector, row.Layer, row.Component, row.Order);
            if (!_toDetector.TryAdd(row.Address, channel))
                throw new ArgumentException($"{detector.Name}: {row.Address} appears twice");
            if (!_toElectronics.TryAdd(channel, row.Address))
                throw new ArgumentException($"{detector.Name}: {channel.Channel} ({channel.Readout}) is read by two inputs");
        }
    }

    public DetectorGeometry Detector { get; }
    public IReadOnlyDictionary<string, string> Meta { get; }
    public IReadOnlyList<TranslationRow> Rows { get; }

    public bool IsSynthetic => Meta.TryGetValue(TranslationTableMeta.Synthetic, out var value) && value == "true";

    public ReadoutChannel? ToDetector(ElectronicsAddress address) => _toDetector.TryGetValue(address, out var c) ? c : null;

    public ElectronicsAddress? ToElectronics(ReadoutChannel channel) => _toElectronics.TryGetValue(channel, out var a) ? a : null;

    public IEnumerable<int> Crates => Rows.Select(r => r.Address.Crate).Distinct().Order();

    public IEnumerable<int> SlotsIn(int crate) => Rows.Where(r => r.Address.Crate == crate).Select(r => r.Address.Slot).Distinct().Order();

    /// <summary>The detector channels read by one crate, or by one slot of it.</summary>
    public IReadOnlyList<ReadoutChannel> ChannelsIn(int crate, int? slot = null) =>
        [.. Rows.Where(r => r.Address.Crate == crate && (slot is null || r.Address.Slot == slot)).Select(r => _toDetector[r.Address])];

    /// <summary>Every channel that has no electronics address in this table (knocked out).</summary>
    public IReadOnlyList<ReadoutChannel> MissingChannels() =>
        [.. Detector.ReadoutChannels.Where(c => !_toElectronics.ContainsKey(c))];

    /// <summary>A new version of the table without the rows a predicate drops: a knock-out.</summary>
    public TranslationTable Without(Func<TranslationRow, bool> knockedOut, string reason)
    {
        var meta = new Dictionary<string, string>(Meta) { [TranslationTableMeta.KnockOut] = reason };
        return new TranslationTable(Detector, Rows.Where(r => !knockedOut(r)), meta);
    }
}

/// <summary>The <c>#meta</c> keys Hydra writes.</summary>
public static class TranslationTableMeta
{
    public const string Detector = "detector";
    public const string Synthetic = "synthetic";
    public const string Rule = "rule";
    public const string KnockOut = "knockout";
}
