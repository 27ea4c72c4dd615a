using Hydra.Iolaus.Histograms;
using Hydra.Iolaus.Rendering;

namespace Hydra.Iolaus.Datasets;

/// <summary>
/// What an autoscaled pad can show of a fault: a change of shape, not of rate (ADR-022). mon12
/// scales every 1-D pad's y axis, and a 2-D pad's colour axis unless the plot fixes it, to the
/// pad's own content. A fault that takes away (or adds) hits in the same proportion in every bin
/// of a pad (a slot of wires summed into one TDC spectrum, a crate of a sector's time spectrum, one
/// sector of a per-sector spectrum swinging) then draws the picture a healthy chunk with fewer
/// events draws: only the tick labels and the rounding of the scale differ. Redrawing the healthy
/// plot at the fault's rate, pad by pad, and comparing that with the faulty image leaves only what
/// the fault changed beyond the rate: a dead or hot region, a moved peak, a sector swinging apart
/// from the others in one pad.
/// </summary>
public static class ShapeChange
{
    /// <summary>
    /// A pad whose scale follows its content: every 1-D pad, and a 2-D pad without a fixed top of
    /// its colour axis. A pad with a fixed scale (DC occupancy in % of events, 0.01-10) shows a
    /// change of rate as a change of colour, so it is never rescaled.
    /// </summary>
    public static bool Autoscaled(Pad pad) => pad.Histogram is H1F || pad.ZMax is null;

    /// <summary>
    /// The healthy canvas with each autoscaled pad (and its overlay, drawn on the same scale)
    /// multiplied by the faulty pad's hits over the healthy pad's. Pads with a fixed scale, and pads
    /// the fault emptied or that were empty, stay as they are: emptiness is a change of shape.
    /// The healthy canvas itself when no pad needs rescaling.
    /// </summary>
    public static PlotCanvas AtFaultyRates(PlotCanvas healthy, PlotCanvas faulty)
    {
        if (healthy.Pads.Count != faulty.Pads.Count) throw new ArgumentException($"{healthy.Name} has {healthy.Pads.Count} pads, {faulty.Name} {faulty.Pads.Count}");
        var pads = healthy.Pads.Zip(faulty.Pads, (before, after) =>
        {
            if (before is null || after is null) return before;
            var factor = RateFactor(before, after);
            if (factor == 1) return before;
            return before with { Histogram = before.Histogram.Scaled(factor), Overlay = before.Overlay?.Scaled(factor) };
        });
        List<Pad?> rescaled = [.. pads];
        return rescaled.SequenceEqual(healthy.Pads, ReferenceEqualityComparer.Instance) ? healthy : healthy with { Pads = rescaled };
    }

    /// <summary>
    /// What an autoscaled pad's healthy content is multiplied by to stand at the faulty pad's rate:
    /// the faulty pad's hits (with its overlay) over the healthy pad's; 1 for a pad with a fixed
    /// scale, or one that is empty before or after the fault.
    /// </summary>
    public static double RateFactor(Pad before, Pad after)
    {
        if (!Autoscaled(before)) return 1;
        var (hitsBefore, hitsAfter) = (Hits(before), Hits(after));
        return hitsBefore > 0 && hitsAfter > 0 ? hitsAfter / hitsBefore : 1;
    }

    private static double Hits(Pad pad) => pad.Histogram.Entries + (pad.Overlay?.Entries ?? 0);
}
