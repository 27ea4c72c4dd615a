using Hydra.Core.Detectors;
using Hydra.Core.TranslationTables;
using Hydra.Iolaus.Faults;

namespace Hydra.Iolaus.Simulation;

/// <summary>
/// One autosave of one run: the conditions, the chunk number, the faults active in it, and the
/// expected hits of every channel. Everything random is drawn from generators seeded by (seed,
/// run, chunk, plot), so the same arguments give the same bytes.
/// </summary>
public sealed class ChunkContext
{
    /// <summary>mon12 saves and resets every 5,000 triggered events (`-autosave 5000`).</summary>
    public const int EventsPerChunk = 5000;

    private static readonly Dictionary<string, TranslationTable> Tables =
        TranslationTableGenerator.ForAllDetectors().ToDictionary(t => t.Detector.Name);

    public ChunkContext(RunConditions run, int chunk, int seed, IReadOnlyList<Fault> faults)
    {
        Run = run;
        Chunk = chunk;
        Seed = seed;
        Faults = faults;
        foreach (var fault in faults) fault.Apply(Effects, TableOf);
    }

    public RunConditions Run { get; }

    /// <summary>
    /// Another Poisson draw of the same chunk (0: the chunk itself): the same rates and faults,
    /// other counts. The dataset compares a rate fault with its look-alike against the difference
    /// two such draws make, which is what statistics alone show.
    /// </summary>
    public int Draw { get; init; }

    public int Chunk { get; }
    public int Seed { get; }
    public IReadOnlyList<Fault> Faults { get; }
    public ChannelEffects Effects { get; } = new();

    public int Events => (int)Math.Round(EventsPerChunk * Effects.EventShare);

    public static TranslationTable TableOf(string detector) => Tables[detector];

    public Random RandomFor(string plot) => new(StableHash.Of(plot, Seed) ^ (Chunk * 7919) ^ Run.RunNumber ^ (Draw * 1_000_003));

    /// <summary>Expected hits of a channel in this chunk, with every fault applied.</summary>
    public double Expected(string detector, ReadoutChannel channel)
    {
        var expected = ChannelRates.Of(detector, channel.Channel, Run) * Events * Effects.Multiplier(detector, channel);
        if (Effects.IsNoisy(detector, channel))
        {
            expected *= 3 + 12 * StableHash.Unit(Chunk, channel.Channel.Sector, channel.Channel.Layer, channel.Channel.Component);
        }
        if (Effects.JumpyOf(detector) is { } jumpy)
        {
            // Whole sectors swing by up to a factor of ten from one chunk to the next.
            expected *= jumpy.Factor(Chunk, Seed, channel.Channel.Sector);
        }
        return expected;
    }

    public double TimeShift(string detector) => Effects.TimeShift(detector);

    /// <summary>A fixed per-channel number in [0, 1): its gain, its time offset.</summary>
    public static double Own(ReadoutChannel channel, int salt) =>
        StableHash.Unit(salt, channel.Channel.Sector, channel.Channel.Layer * 1000 + channel.Channel.Component, channel.Channel.Side);
}
