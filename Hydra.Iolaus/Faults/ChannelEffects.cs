using Hydra.Core.Detectors;

namespace Hydra.Iolaus.Faults;

/// <summary>
/// What the active faults do to the channels of one chunk: per-channel rate multipliers (0 = dead),
/// noisy channels, per-detector time shifts, and the share of events that reach the monitor.
/// Every fault also records exactly which channels it touched.
/// </summary>
public sealed class ChannelEffects
{
    private readonly Dictionary<(string Detector, ReadoutChannel Channel), double> _multipliers = [];
    private readonly HashSet<(string Detector, ReadoutChannel Channel)> _noisy = [];
    private readonly Dictionary<string, double> _timeShifts = [];
    private readonly Dictionary<string, Jumpy> _jumpy = [];
    private readonly List<TouchedChannels> _touched = [];

    /// <summary>Share of the chunk's nominal events that are recorded (1 = all, 0 = no data).</summary>
    public double EventShare { get; set; } = 1;

    public IReadOnlyList<TouchedChannels> Touched => _touched;

    public void Scale(Fault fault, string detector, IEnumerable<ReadoutChannel> channels, double factor)
    {
        var list = channels.ToList();
        foreach (var channel in list)
        {
            _multipliers[(detector, channel)] = _multipliers.GetValueOrDefault((detector, channel), 1) * factor;
        }
        _touched.Add(new TouchedChannels(fault, detector, list));
    }

    public void MakeNoisy(Fault fault, string detector, IEnumerable<ReadoutChannel> channels)
    {
        var list = channels.ToList();
        foreach (var channel in list) _noisy.Add((detector, channel));
        _touched.Add(new TouchedChannels(fault, detector, list));
    }

    public void ShiftTime(Fault fault, string detector, double nanoseconds)
    {
        _timeShifts[detector] = _timeShifts.GetValueOrDefault(detector) + nanoseconds;
        _touched.Add(new TouchedChannels(fault, detector, []));
    }

    public void MakeJumpy(Jumpy fault, string detector)
    {
        _jumpy[detector] = fault;
        _touched.Add(new TouchedChannels(fault, detector, []));
    }

    public void RecordGlobal(Fault fault) => _touched.Add(new TouchedChannels(fault, "*", []));

    public double Multiplier(string detector, ReadoutChannel channel) => _multipliers.GetValueOrDefault((detector, channel), 1);

    public bool IsNoisy(string detector, ReadoutChannel channel) => _noisy.Contains((detector, channel));

    public double TimeShift(string detector) => _timeShifts.GetValueOrDefault(detector);

    /// <summary>The jumpy fault on a detector, if any (its factors depend on the chunk).</summary>
    public Jumpy? JumpyOf(string detector) => _jumpy.GetValueOrDefault(detector);

    /// <summary>Every (detector, channel) whose rate a fault changed, for tests and the dataset manifest.</summary>
    public IEnumerable<(string Detector, ReadoutChannel Channel)> ChangedChannels => _multipliers.Keys.Concat(_noisy).Distinct();
}

/// <summary>The channels one fault touched: the ground truth an explanation can be checked against.</summary>
public sealed record TouchedChannels(Fault Fault, string Detector, IReadOnlyList<ReadoutChannel> Channels);
