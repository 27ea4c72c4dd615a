using Hydra.Web.Monitoring;

namespace Hydra.Web.Tests;

public sealed class PlotFilterTests
{
    private static readonly HashSet<string> NoneHidden = [];
    private readonly List<Core.Monitoring.PlotState> _plots =
    [
        Verdicts.Plot("ECAL_adcOccupancy", "Good"),
        Verdicts.Plot("ECAL_peds", "Bad"),
        Verdicts.Plot("DC_occupancyNorm", "Good"),
        Verdicts.Plot("FTOF_adcOccupancy", "NoModel"),
    ];

    private List<string> Names(PlotFilter filter, IReadOnlySet<string>? hidden = null) => [.. filter.Apply(_plots, hidden ?? NoneHidden).Select(p => p.PlotName)];

    [Fact]
    public void Text_matches_plot_name_or_detector_ignoring_case() =>
        Assert.Equal(["ECAL_adcOccupancy", "FTOF_adcOccupancy"], Names(new PlotFilter(Text: "ADCocc")));

    [Fact]
    public void Detector_and_verdict_narrow_together()
    {
        Assert.Equal(["ECAL_adcOccupancy", "ECAL_peds"], Names(new PlotFilter(Detector: "ECAL")));
        Assert.Equal(["ECAL_adcOccupancy"], Names(new PlotFilter(Detector: "ECAL", Verdict: "Good")));
        Assert.Empty(Names(new PlotFilter(Detector: "DC", Verdict: "Bad")));
    }

    [Fact]
    public void Hidden_plots_are_left_out_until_asked_for()
    {
        var hidden = new HashSet<string> { "DC_occupancyNorm" };
        Assert.DoesNotContain("DC_occupancyNorm", Names(new PlotFilter(), hidden));
        Assert.Contains("DC_occupancyNorm", Names(new PlotFilter(ShowHidden: true), hidden));
        Assert.Equal(4, Names(new PlotFilter()).Count);
    }
}
