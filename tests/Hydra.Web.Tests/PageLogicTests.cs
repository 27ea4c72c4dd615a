using Hydra.Core.Monitoring;
using Hydra.Web.Monitoring;

namespace Hydra.Web.Tests;

public sealed class PageLogicTests
{
    [Theory]
    [InlineData(0.5, HydraEvents.Quick)]
    [InlineData(1.5, HydraEvents.ResetByNewRun)]
    [InlineData(2.0, HydraEvents.ResetByNewRun)]
    [InlineData(3.0, HydraEvents.CaughtByOthers)]
    [InlineData(null, HydraEvents.Ongoing)]
    public void Hydra_events_are_sorted_by_how_long_the_alarm_lasted(double? hours, string expected)
    {
        var raised = Verdicts.Start;
        var alarm = new AlarmView(1, AlarmKind.BadPlot, 1, "P", "ECAL", "", raised, raised, hours is { } h ? raised.AddHours(h) : null, 1, null, null);
        Assert.Equal(expected, HydraEvents.Categorise(alarm));
    }

    [Fact]
    public void A_query_writes_only_what_is_set_escaped_and_in_UTC()
    {
        var query = new VerdictQuery(Run: 16042, Detector: "FT CAL", Confirmed: false, Kind: AlarmKind.BadPlot, From: new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal("?run=16042&detector=FT%20CAL&confirmed=false&kind=BadPlot&from=2026-11-27T08%3A00%3A00.0000000%2B00%3A00", query.ToString());
        Assert.Equal("", new VerdictQuery().ToString());
    }

    [Theory]
    [InlineData(12, "12 s")]
    [InlineData(2400, "40 min")]
    [InlineData(7500, "2 h 05 min")]
    public void Durations_read_as_a_shifter_says_them(int seconds, string expected) =>
        Assert.Equal(expected, Durations.Describe(TimeSpan.FromSeconds(seconds)));
}
