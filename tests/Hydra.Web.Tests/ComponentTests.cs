using Hydra.Core.Monitoring;
using Hydra.Web.Components.Shared;
using Hydra.Web.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Hydra.Web.Tests;

/// <summary>Hydra's components rendered by bUnit with real parameters.</summary>
public sealed class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        Services.AddFluentUIComponents();
        Services.AddScoped<Hydra.Web.Assistant.AssistantPageContext>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_Bad_card_opens_with_its_GradCAM_half_visible_and_the_slider_changes_it()
    {
        var card = Render<PlotCard>(p => p.Add(c => c.Plot, Verdicts.Plot("ECAL_adcOccupancy", "Bad")));

        var slider = card.Find("[data-testid='cam-opacity']");
        Assert.Equal("50", slider.GetAttribute("value"));
        Assert.Contains("opacity:0.5", card.Find("img.cam-overlay").GetAttribute("style"));
        slider.Input("0");
        Assert.Empty(card.FindAll("img.cam-overlay"));
        Assert.Equal("/images/7/png", card.Find("a[download]").GetAttribute("href"));
        Assert.Equal("ECAL_adcOccupancy_0042.png", card.Find("a[download]").GetAttribute("download"));
    }

    [Fact]
    public void Ask_why_on_a_Bad_card_asks_the_assistant_about_that_image()
    {
        var context = Services.GetRequiredService<Hydra.Web.Assistant.AssistantPageContext>();
        string? asked = null;
        context.AskRequested += question => asked = question;
        var card = Render<PlotCard>(p => p.Add(c => c.Plot, Verdicts.Plot("ECAL_adcOccupancy", "Bad")));

        card.Find("[data-testid='ask-about']").Click();
        Assert.Equal("Why is ECAL_adcOccupancy Bad?", asked);
        Assert.Equal(("ECAL_adcOccupancy", 7L, 16042), (context.Current.Plot, context.Current.ImageId!.Value, context.Current.Run!.Value));
        Assert.Empty(Render<PlotCard>(p => p.Add(c => c.Plot, Verdicts.Plot("ECAL_adcOccupancy", "Good"))).FindAll("[data-testid='ask-about']"));
    }

    [Fact]
    public void A_Good_card_hides_the_map_and_a_card_without_one_has_no_slider()
    {
        var good = Render<PlotCard>(p => p.Add(c => c.Plot, Verdicts.Plot("DC_occupancyNorm", "Good")));
        Assert.Equal("0", good.Find("[data-testid='cam-opacity']").GetAttribute("value"));
        Assert.Empty(good.FindAll("img.cam-overlay"));

        var noModel = Render<PlotCard>(p => p.Add(c => c.Plot, Verdicts.Plot("DC_occupancyNorm", "NoModel", hasCam: false)));
        Assert.Empty(noModel.FindAll("[data-testid='cam-opacity']"));
    }

    [Fact]
    public void Only_a_card_with_a_problem_names_where_the_model_looked()
    {
        PlotState With(string classification)
        {
            var plot = Verdicts.Plot("ECAL_adcOccupancy", classification);
            return plot with { Latest = plot.Latest with { Regions = [Verdicts.Region()] } };
        }

        var bad = Render<PlotCard>(p => p.Add(c => c.Plot, With("Bad")));
        Assert.Equal("ECAL sector 2, layer 1, components 10-20 (crate 9 slot 4)", bad.Find(".plot-regions").TextContent);
        Assert.Single(Render<PlotCard>(p => p.Add(c => c.Plot, With("HotChannel"))).FindAll(".plot-regions"));
        Assert.Empty(Render<PlotCard>(p => p.Add(c => c.Plot, With("Good"))).FindAll(".plot-regions"));
        Assert.Empty(Render<PlotCard>(p => p.Add(c => c.Plot, With("NoData"))).FindAll(".plot-regions"));
    }

    [Fact]
    public void Share_shows_a_link_to_exactly_this_image_and_Hide_names_the_plot()
    {
        JSInterop.Setup<bool>("hydra.copyText", _ => true).SetResult(false);
        string? hidden = null;
        var card = Render<PlotCard>(p => p.Add(c => c.Plot, Verdicts.Plot("FTOF_adcOccupancy", "Good")).Add(c => c.OnHide, (string name) => hidden = name));

        card.FindAll("button").Single(b => b.TextContent == "Share").Click();
        Assert.EndsWith("/plots/FTOF_adcOccupancy?image=7", card.Find("[data-testid='share-link']").GetAttribute("value"));
        Assert.Contains("copy it from here", card.Markup);

        card.FindAll("button").Single(b => b.TextContent == "Hide").Click();
        Assert.Equal("FTOF_adcOccupancy", hidden);
    }

    [Fact]
    public void The_verdict_is_written_out_with_its_confirmation()
    {
        var badge = Render<VerdictBadge>(p => p.Add(c => c.Verdict, Verdicts.Of("ECAL_adcOccupancy", "Bad")));
        Assert.Contains("Bad", badge.Find(".verdict").TextContent);
        Assert.Equal("True", badge.Find("[data-confirmed]").GetAttribute("data-confirmed"));
    }

    [Fact]
    public void The_score_chart_draws_a_line_per_class_thresholds_alarms_run_changes_and_unscored_ticks()
    {
        List<VerdictView> verdicts =
        [
            Verdicts.Of("DC_occupancyNorm", "NoModel", chunk: 1, imageId: 1),
            Verdicts.Of("DC_occupancyNorm", "Good", chunk: 2, imageId: 2, bad: 0.1f),
            Verdicts.Of("DC_occupancyNorm", "Bad", chunk: 3, imageId: 3, bad: 0.9f),
            Verdicts.Of("DC_occupancyNorm", "Bad", chunk: 4, imageId: 4, bad: 0.95f, run: 16043),
        ];
        var alarm = new AlarmView(1, AlarmKind.BadPlot, 16042, "DC_occupancyNorm", "DC", "Bad", Verdicts.Start.AddMinutes(3), Verdicts.Start.AddMinutes(4), null, 2, 30, 1);
        ThresholdView[] thresholds = [new("Bad", 0.8f, "max_f1", null, Verdicts.Start)];

        var chart = Render<ScoreChart>(p => p.Add(c => c.Verdicts, verdicts).Add(c => c.Thresholds, thresholds).Add(c => c.Alarms, [alarm]));

        Assert.Equal(["Bad", "Good"], chart.FindAll("polyline").Select(l => l.GetAttribute("data-class")!));
        Assert.Equal(3, chart.Find("polyline[data-class='Bad']").GetAttribute("points")!.Split(' ').Length);
        Assert.Single(chart.FindAll("line.threshold-line[data-class='Bad']"));
        Assert.Single(chart.FindAll("[data-testid='alarm-shade']"));
        Assert.Single(chart.FindAll("line.run-change"));
        Assert.Single(chart.FindAll("line.unscored"));
        // Higher scores are drawn higher: y falls as the Bad score rises.
        var ys = chart.Find("polyline[data-class='Bad']").GetAttribute("points")!.Split(' ').Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys[0] > ys[1] && ys[1] > ys[2], string.Join(' ', ys));
    }
}
