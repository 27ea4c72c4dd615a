using Hydra.Core.Monitoring;
using Hydra.Inference.Alarms;
using Hydra.Inference.Judging;
using Hydra.Inference.Pipeline;

namespace Hydra.Inference.Tests;

/// <summary>The keeper's rules, one table each: confirmation, the beam gate, episode boundaries, silence, back-off.</summary>
public sealed class JudgeRulesTests
{
    private static readonly JudgeOptions Options = new() { DefaultThreshold = 0.5f, AlarmBeamCurrentNanoAmps = 2 };
    private static readonly Dictionary<string, float> Thresholds = new() { ["Bad"] = 0.8f, ["Good"] = 0.6f };

    [Theory]
    [InlineData("Bad", 0.80f, true)]      // exactly at its own threshold
    [InlineData("Bad", 0.79f, false)]
    [InlineData("Good", 0.61f, true)]
    [InlineData("Good", 0.59f, false)]
    [InlineData("NoData", 0.50f, true)]   // no threshold of its own: the default
    [InlineData("NoData", 0.49f, false)]
    [InlineData("Bad", null, false)]      // NoModel has no confidence
    [InlineData("Bad", float.NaN, false)]
    public void Confirmed_when_the_confidence_reaches_the_class_threshold(string classification, float? confidence, bool confirmed) =>
        Assert.Equal(confirmed, Judge.IsConfirmed(classification, confidence, Thresholds, Options.DefaultThreshold));

    [Theory]
    [InlineData("Bad", true, 50.0, AlarmKind.BadPlot)]
    [InlineData("Bad", true, 2.0, AlarmKind.BadPlot)]          // at the gate
    [InlineData("Bad", true, 1.9, null)]                       // beam off: no alarm
    [InlineData("Bad", true, null, AlarmKind.BadPlot)]         // beam unknown: assume on
    [InlineData("Bad", false, 50.0, null)]                     // unconfirmed goes to the Log page instead
    [InlineData("NoData", true, 50.0, AlarmKind.ImageSourceProblem)]
    [InlineData("NoData", true, 0.0, null)]                    // no beam, no data: expected
    [InlineData("Good", true, 50.0, null)]
    [InlineData("HotChannel", true, 50.0, null)]               // not an alarm class by default
    public void Alarms_need_confirmation_and_beam(string classification, bool confirmed, double? beam, AlarmKind? expected) =>
        Assert.Equal(expected, Judge.AlarmFor(classification, confirmed, beam, Options));

    [Theory]
    [InlineData(null, false, "Good", false)]   // no episode yet
    [InlineData("Good", false, "Good", true)]
    [InlineData("Good", false, "Bad", false)]
    [InlineData("Good", true, "Good", false)]  // the last one ended: start anew
    [InlineData("NoModel", false, "Good", false)] // a model arriving mid-run starts an episode
    public void An_episode_continues_only_with_the_same_class(string? open, bool ended, string next, bool continues) =>
        Assert.Equal(continues, EpisodeRules.Continues(open, ended, next));

    [Theory]
    [InlineData("0,0,0", "")]                 // everything fresh
    [InlineData("0,11,0", "B")]               // one plot silent
    [InlineData("0,11,15", "B C")]
    [InlineData("12,11,15", "all")]           // all silent: one alarm for the whole monitoring
    [InlineData("", "")]                      // a run without images yet has nothing to miss
    public void Silence_is_per_plot_or_the_whole_monitoring(string minutesAgo, string expected)
    {
        var now = DateTimeOffset.Parse("2026-11-27T03:00:00Z");
        var plots = minutesAgo.Length == 0 ? [] : minutesAgo.Split(',')
            .Select((m, i) => (i + 1, ((char)('A' + i)).ToString(), now.AddMinutes(-int.Parse(m)))).ToList();

        var silences = WatchdogRules.Evaluate(plots, now, TimeSpan.FromMinutes(10));

        Assert.Equal(expected, string.Join(" ", silences.Select(s => s.PlotName ?? "all")));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(12, 300)]  // capped at five minutes
    public void Webhook_retries_back_off_exponentially_to_a_cap(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AlarmNotifier.RetryDelay(attempts, new AlarmNotificationOptions()));

    [Fact]
    public void Stage_timings_give_percentiles_and_a_histogram()
    {
        var timing = PipelineStatusReader.Timing("classify", Enumerable.Range(1, 100).Select(i => (double)i));
        Assert.Equal((100, 50.5, 50, 95, 100), (timing.Count, timing.MeanMs, timing.P50Ms, timing.P95Ms, timing.MaxMs));
        Assert.Equal(100, timing.Histogram.Sum(b => b.Count));
        Assert.Equal(10 - 5, timing.Histogram.Single(b => b.UpToMs == 10).Count);
        Assert.Null(timing.Histogram[^1].UpToMs);
    }
}
