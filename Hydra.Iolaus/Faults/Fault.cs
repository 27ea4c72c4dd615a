using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Hydra.Core.Detectors;
using Hydra.Core.TranslationTables;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Faults;

/// <summary>
/// Something going wrong in the detector or the data flow, applied through the translation table
/// (electronics faults) or the geometry (HV and channel faults). The label a faulty image gets is
/// <see cref="Label"/>: what an expert would call the plot it spoils.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CrateKnockOut), "crate")]
[JsonDerivedType(typeof(SlotKnockOut), "slot")]
[JsonDerivedType(typeof(HvTrip), "hv")]
[JsonDerivedType(typeof(HotChannel), "hot")]
[JsonDerivedType(typeof(NoisyGroup), "noisy")]
[JsonDerivedType(typeof(NoData), "nodata")]
[JsonDerivedType(typeof(LowStatistics), "lowstats")]
[JsonDerivedType(typeof(TimingShift), "timing")]
[JsonDerivedType(typeof(Jumpy), "jumpy")]
public abstract record Fault
{
    /// <summary>The detector it hits, or null when it hits the whole data flow.</summary>
    public abstract string? Detector { get; }
    public virtual string Label => "Bad";
    public abstract string Describe();
    public abstract void Apply(ChannelEffects effects, Func<string, TranslationTable> tables);

    /// <summary>
    /// The healthy-looking plot this fault must differ from to be visible in one image: null for
    /// the fault-free chunk. A fault that can look like a change of run conditions (a whole
    /// detector's rate going up) names that look-alike instead, so the dataset does not call Bad
    /// what no single image can tell from Good.
    /// </summary>
    /// <param name="plotSector">The sector a per-sector plot shows; null for a plot of all sectors.</param>
    public virtual Fault? LookAlike(int? plotSector) => null;
}

/// <summary>A whole crate stops sending data (power, network, a readout controller hung).</summary>
public sealed record CrateKnockOut(string DetectorName, int Crate) : Fault
{
    public override string? Detector => DetectorName;
    public override string Describe() => $"{DetectorName} crate {Crate} knocked out";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables) =>
        effects.Scale(this, DetectorName, tables(DetectorName).ChannelsIn(Crate), 0);
}

/// <summary>One module (slot) of a crate stops: 16 FADC inputs, 32 TDC inputs or a 96-wire DC board.</summary>
public sealed record SlotKnockOut(string DetectorName, int Crate, int Slot) : Fault
{
    public override string? Detector => DetectorName;
    public override string Describe() => $"{DetectorName} crate {Crate} slot {Slot} knocked out";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables) =>
        effects.Scale(this, DetectorName, tables(DetectorName).ChannelsIn(Crate, Slot), 0);
}

/// <summary>
/// A high-voltage board trips: a contiguous block of components in some layers of one sector goes
/// dark in every readout, as ECAL sector 2 did for 4.5 hours in the 2025 run.
/// </summary>
public sealed record HvTrip(string DetectorName, int Sector, int FirstLayer, int LastLayer, int FirstComponent, int LastComponent) : Fault
{
    public override string? Detector => DetectorName;
    public override string Describe() =>
        $"{DetectorName} sector {Sector} HV board out: layers {FirstLayer}-{LastLayer}, components {FirstComponent}-{LastComponent}";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables) =>
        effects.Scale(this, DetectorName, Clas12.Get(DetectorName).ReadoutChannels.Where(c =>
            c.Channel.Sector == Sector && c.Channel.Layer >= FirstLayer && c.Channel.Layer <= LastLayer &&
            c.Channel.Component >= FirstComponent && c.Channel.Component <= LastComponent), 0);
}

/// <summary>One channel fires far too often (a single hot pixel: caught in 2025 by the timelines).</summary>
public sealed record HotChannel(string DetectorName, int Sector, int Layer, int Component, int Side = 0, double Factor = 40) : Fault
{
    public override string? Detector => DetectorName;
    public override string Label => "HotChannel";
    public override string Describe() => $"{DetectorName} hot channel: sector {Sector} layer {Layer} component {Component}";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables) =>
        effects.Scale(this, DetectorName, Clas12.Get(DetectorName).ReadoutChannels.Where(c =>
            c.Channel == new DetectorChannel(Sector, Layer, Component, Side)), Factor);
}

/// <summary>A group of neighbouring channels picks up noise: their counts jump up by a random factor every chunk.</summary>
public sealed record NoisyGroup(string DetectorName, int Sector, int Layer, int FirstComponent, int LastComponent) : Fault
{
    public override string? Detector => DetectorName;
    public override string Describe() => $"{DetectorName} noisy channels: sector {Sector} layer {Layer} components {FirstComponent}-{LastComponent}";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables) =>
        effects.MakeNoisy(this, DetectorName, Clas12.Get(DetectorName).ReadoutChannels.Where(c =>
            c.Channel.Sector == Sector && c.Channel.Layer == Layer && c.Channel.Component >= FirstComponent && c.Channel.Component <= LastComponent));
}

/// <summary>No events reach the monitor (no beam, DAQ stopped, the image source broken): empty plots.</summary>
public sealed record NoData : Fault
{
    public override string? Detector => null;
    public override string Label => "NoData";
    public override string Describe() => "no data: empty histograms";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables)
    {
        effects.EventShare = 0;
        effects.RecordGlobal(this);
    }
}

/// <summary>Only a small share of the usual events: sparse, noisy plots that are not broken.</summary>
public sealed record LowStatistics(double Share = 0.03) : Fault
{
    public override string? Detector => null;
    public override string Label => "Acceptable";
    public override string Describe() => $"low statistics: {Share:P0} of the usual events";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables)
    {
        effects.EventShare *= Share;
        effects.RecordGlobal(this);
    }
}

/// <summary>The detector's timing moves (a wrong trigger delay or jitter correction): time peaks shift.</summary>
public sealed record TimingShift(string DetectorName, double Nanoseconds = 40) : Fault
{
    public override string? Detector => DetectorName;
    public override string Describe() => $"{DetectorName} timing shifted by {Nanoseconds:0} ns";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables) =>
        effects.ShiftTime(this, DetectorName, Nanoseconds);
}

/// <summary>The detector's plots change from chunk to chunk for no physical reason (unstable HV, a flaky link).</summary>
public sealed record Jumpy(string DetectorName) : Fault
{
    private static readonly ConcurrentDictionary<string, int[]> SectorsOf = new(StringComparer.Ordinal);

    /// <summary>
    /// Null: each sector swings by its own factor. Otherwise every sector swings together, by sector
    /// <c>InStepWith</c>'s factor (0: the mean of all sectors' factors), which is what a change of
    /// beam current looks like: the look-alike a jumpy detector must be told apart from.
    /// </summary>
    public int? InStepWith { get; init; }

    public override string? Detector => DetectorName;
    public override string Describe() => $"{DetectorName} jumpy: rates change between chunks";
    public override void Apply(ChannelEffects effects, Func<string, TranslationTable> tables) => effects.MakeJumpy(this, DetectorName);

    // Plots autoscale their axes, so a uniform swing only shows as noise: what a single image can
    // show is sectors swinging apart (or, in a per-sector plot, nothing the beam could not do).
    public override Fault LookAlike(int? plotSector) => this with { InStepWith = plotSector ?? 0 };

    /// <summary>The factor (0.2 to 2) a sector's rates are multiplied by in this chunk.</summary>
    public double Factor(int chunk, int seed, int sector) => InStepWith switch
    {
        null => OwnFactor(chunk, seed, sector),
        0 => Sectors().Average(s => OwnFactor(chunk, seed, s)),
        var s => OwnFactor(chunk, seed, s.Value),
    };

    private double OwnFactor(int chunk, int seed, int sector) =>
        0.2 + 1.8 * StableHash.Unit(chunk, StableHash.Of(DetectorName), sector, seed);

    private int[] Sectors() => SectorsOf.GetOrAdd(DetectorName, name => Clas12.All.Any(d => d.Name == name)
        ? [.. Clas12.Get(name).Channels.Select(c => c.Sector).Distinct().Order()]
        : [1]);
}
