namespace Hydra.Core.Detectors;

/// <summary>
/// One readout element of a detector in CLAS12's own coordinates: a strip, wire, paddle end, PMT
/// or anode. <see cref="Side"/> separates the two ends of a two-ended counter (0 = left/upstream,
/// 1 = right/downstream) and is 0 for single-ended ones.
/// </summary>
public readonly record struct DetectorChannel(int Sector, int Layer, int Component, int Side = 0)
{
    public override string ToString() => $"sector {Sector} layer {Layer} component {Component}" + (Side == 0 ? "" : $" side {Side}");
}

/// <summary>What digitises a channel's signal: a flash ADC (charge and time) or a TDC (time).</summary>
public enum Readout
{
    Adc,
    Tdc,
}

/// <summary>A channel read by one kind of module: a row of a translation table.</summary>
public readonly record struct ReadoutChannel(DetectorChannel Channel, Readout Readout);

/// <summary>Where a signal is digitised: crate (a VXS/VME crate, one readout controller), slot (module), channel (input).</summary>
public readonly record struct ElectronicsAddress(int Crate, int Slot, int Channel)
{
    public override string ToString() => $"crate {Crate} slot {Slot} channel {Channel}";
}
