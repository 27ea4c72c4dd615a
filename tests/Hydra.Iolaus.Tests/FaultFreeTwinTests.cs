using Hydra.Core.Detectors;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Tests;

/// <summary>
/// The dataset calls a fault visible by comparing a faulty chunk with its fault-free twin (same
/// seed). That comparison is only honest if the twin differs in nothing but the fault: a knocked-out
/// channel must not re-roll the Poisson counts of every bin drawn after it.
/// </summary>
public sealed class FaultFreeTwinTests
{
    /// <summary>
    /// Every plot of a detector's channels, except two where a knock-out rightly adds counts:
    /// DC_multiplicity (fewer live wires move events to lower multiplicities) and RICH_time (a
    /// sector's summed spectrum, where every bin's mean drops and the large-mean normal draw is not
    /// monotonic in the mean).
    /// </summary>
    public static TheoryData<string> PlotsWithChannels() =>
        [.. PlotCatalog.All.Where(p => Clas12.All.Any(d => d.Name == p.Detector) && p.Name is not ("DC_multiplicity" or "RICH_time")).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(PlotsWithChannels))]
    public void A_knock_out_only_removes_hits_and_leaves_every_other_bin_as_it_was(string plotName)
    {
        var plot = PlotCatalog.All.Single(p => p.Name == plotName);
        var crate = ChunkContext.TableOf(plot.Detector).Crates.First();
        var run = RunConditions.Default();
        var clean = plot.Build(new ChunkContext(run, 17, 3, []));
        var faulty = plot.Build(new ChunkContext(run, 17, 3, [new CrateKnockOut(plot.Detector, crate)]));

        foreach (var (before, after) in clean.Pads.Zip(faulty.Pads))
        {
            if (before is null || after is null) continue;
            var gained = before.Histogram.Content.Zip(after.Histogram.Content).Count(pair => pair.Second > pair.First);
            Assert.True(gained == 0, $"{plotName} pad '{before.Histogram.Title}': {gained} bins gained hits when crate {crate} was knocked out");
        }
    }
}
