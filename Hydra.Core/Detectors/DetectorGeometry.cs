namespace Hydra.Core.Detectors;

/// <summary>
/// A detector's channels: what can be read out, named the way CLAS12 names it. The lists are built
/// once and shared; a geometry never changes while Hydra runs.
/// </summary>
public sealed class DetectorGeometry
{
    private readonly HashSet<DetectorChannel> _index;

    public DetectorGeometry(string name, string description, IEnumerable<DetectorChannel> channels, IReadOnlyList<Readout> readouts,
        Func<int, Readout, int>? order = null)
    {
        Name = name;
        Description = description;
        Channels = [.. channels];
        Readouts = readouts;
        _order = order ?? DefaultOrder;
        _index = [.. Channels];
        if (_index.Count != Channels.Count) throw new ArgumentException($"{name}: duplicate channels", nameof(channels));
    }

    private readonly Func<int, Readout, int> _order;

    /// <summary>Detector name as in CCDB and mon12 (ECAL, DC, FTOF, ...).</summary>
    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<DetectorChannel> Channels { get; }

    /// <summary>The kinds of module that read every channel of this detector.</summary>
    public IReadOnlyList<Readout> Readouts { get; }

    public IEnumerable<ReadoutChannel> ReadoutChannels => Readouts.SelectMany(r => Channels.Select(c => new ReadoutChannel(c, r)));

    public bool Contains(DetectorChannel channel) => _index.Contains(channel);

    /// <summary>
    /// The translation table's "order" column: 0/1 = ADC left/right, 2/3 = TDC left/right
    /// (DC's TDCs use order 0).
    /// </summary>
    public int OrderOf(ReadoutChannel readout) => _order(readout.Channel.Side, readout.Readout);

    public ReadoutChannel FromOrder(int sector, int layer, int component, int order)
    {
        foreach (var readout in Readouts)
        {
            for (var side = 0; side <= 1; side++)
            {
                var candidate = new ReadoutChannel(new DetectorChannel(sector, layer, component, side), readout);
                if (Contains(candidate.Channel) && OrderOf(candidate) == order) return candidate;
            }
        }
        throw new ArgumentException($"{Name} has no channel at sector {sector} layer {layer} component {component} order {order}");
    }

    private static int DefaultOrder(int side, Readout readout) => side + (readout == Readout.Tdc ? 2 : 0);

    public override string ToString() => $"{Name} ({Channels.Count} channels)";
}
