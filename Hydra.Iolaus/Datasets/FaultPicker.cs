using Hydra.Core.Detectors;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Datasets;

/// <summary>
/// Draws a random fault for a detector, optionally inside one sector (for a per-sector plot), the
/// way the seed talk's Iolaus knocked out crates and slots to make Bad examples for detectors that
/// rarely fail.
/// </summary>
public static class FaultPicker
{
    public static Fault? Pick(Random random, string detector, int? sector)
    {
        if (!Clas12.All.Any(d => d.Name == detector))
        {
            // RF, HEL, Trigger and TimeJitter have no channels: only their timing can go wrong.
            return detector is "RF" or "TimeJitter" ? new TimingShift(detector, (random.Next(2) == 0 ? -1 : 1) * (20 + 40 * random.NextDouble())) : null;
        }
        var geometry = Clas12.Get(detector);
        var table = ChunkContext.TableOf(detector);
        var channels = geometry.Channels.Where(c => sector is null || c.Sector == sector).ToList();
        if (channels.Count == 0) channels = [.. geometry.Channels];
        var anchor = channels[random.Next(channels.Count)];

        switch (random.Next(7))
        {
            case 0:
            {
                var readout = geometry.Readouts[random.Next(geometry.Readouts.Count)];
                var address = table.ToElectronics(new ReadoutChannel(anchor, readout))!.Value;
                return new CrateKnockOut(detector, address.Crate);
            }
            case 1:
            {
                var readout = geometry.Readouts[random.Next(geometry.Readouts.Count)];
                var address = table.ToElectronics(new ReadoutChannel(anchor, readout))!.Value;
                return new SlotKnockOut(detector, address.Crate, address.Slot);
            }
            case 2:
            {
                var lastLayer = Math.Min(anchor.Layer + random.Next(3), channels.Max(c => c.Layer));
                var last = anchor.Component + 4 + random.Next(12);
                return new HvTrip(detector, anchor.Sector, anchor.Layer, lastLayer, anchor.Component, last);
            }
            case 3:
                return new HotChannel(detector, anchor.Sector, anchor.Layer, anchor.Component, anchor.Side, 20 + 60 * random.NextDouble());
            case 4:
                return new NoisyGroup(detector, anchor.Sector, anchor.Layer, anchor.Component, anchor.Component + 3 + random.Next(10));
            case 5:
                return new TimingShift(detector, (random.Next(2) == 0 ? -1 : 1) * (20 + 40 * random.NextDouble()));
            default:
                return new Jumpy(detector);
        }
    }
}
