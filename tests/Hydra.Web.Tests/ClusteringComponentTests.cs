using Hydra.Core.Monitoring;
using Hydra.Web.Components.Shared;
using Hydra.Web.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Hydra.Web.Tests;

/// <summary>The cluster map and the reference similarity on a card, rendered by bUnit.</summary>
public sealed class ClusteringComponentTests : BunitContext
{
    public ClusteringComponentTests()
    {
        Services.AddFluentUIComponents();
        Services.AddScoped<Hydra.Web.Assistant.AssistantPageContext>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static readonly RunConditionsView Lh2 = new(50, "LH2", -1, -1, "RG-L");
    private static readonly RunConditionsView C12 = new(10, "C12", 1, -1, "RG-L");

    private static List<ClusterPoint> Points() =>
    [
        new(1, 0f, 0f, 0, 16042, 1, Lh2, "Good", "Good", Verdicts.Start),
        new(2, 1f, 0.5f, 0, 16042, 2, Lh2, null, "Good", Verdicts.Start),
        new(3, 10f, 9f, 1, 16050, 1, C12, "Bad", "Bad", Verdicts.Start),
        new(4, 11f, 10f, 1, 16050, 2, C12, null, null, Verdicts.Start),
    ];

    [Fact]
    public void Every_image_is_a_point_and_the_colouring_follows_the_chosen_key()
    {
        var map = Render<ClusterScatter>(p => p.Add(c => c.Points, Points()).Add(c => c.ColourBy, ClusterColourBy.Cluster));

        var circles = map.FindAll("circle.cluster-point");
        Assert.Equal(4, circles.Count);
        Assert.Equal(circles[0].GetAttribute("fill"), circles[1].GetAttribute("fill"));
        Assert.NotEqual(circles[0].GetAttribute("fill"), circles[2].GetAttribute("fill"));
        Assert.Equal(["cluster 1 (2)", "cluster 2 (2)"], map.FindAll("[data-testid='cluster-legend'] > span").Select(s => s.TextContent.Trim()));

        map.Render(p => p.Add(c => c.ColourBy, ClusterColourBy.Verdict));
        circles = map.FindAll("circle.cluster-point");
        Assert.Equal("#009E73", circles[0].GetAttribute("fill")); // Good keeps Hydra's green
        Assert.Equal("#D55E00", circles[2].GetAttribute("fill")); // Bad its red
        Assert.Equal("not judged", circles[3].GetAttribute("data-key"));

        map.Render(p => p.Add(c => c.ColourBy, ClusterColourBy.Conditions));
        Assert.Equal("LH2 50 nA torus -1 sol -1", map.FindAll("circle.cluster-point")[0].GetAttribute("data-key"));
    }

    [Fact]
    public void Points_span_the_drawing_and_a_click_selects_that_image()
    {
        ClusterPoint? selected = null;
        var map = Render<ClusterScatter>(p => p.Add(c => c.Points, Points()).Add(c => c.OnSelect, (ClusterPoint point) => selected = point));

        var xs = map.FindAll("circle.cluster-point").Select(c => double.Parse(c.GetAttribute("cx")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal((16.0, 984.0), (xs.Min(), xs.Max()));

        map.Find("circle[data-image='3']").Click();
        Assert.Equal(3, selected?.ImageId);
        map.Render(p => p.Add(c => c.SelectedImageId, 3L));
        Assert.Contains("selected", map.Find("circle[data-image='3']").ClassList);
    }

    [Fact]
    public void A_card_shows_how_alike_its_image_and_reference_look()
    {
        var like = Verdicts.Plot("ECAL_adcOccupancy", "Good") is var plot
            ? plot with { Latest = plot.Latest with { ReferenceImageId = 5, ReferenceSimilarity = 0.97f } }
            : null!;
        var unlike = like with { Latest = like.Latest with { ReferenceSimilarity = 0.62f } };

        Assert.Equal("like reference 0.97", Render<PlotCard>(p => p.Add(c => c.Plot, like)).Find("[data-testid='reference-similarity']").TextContent);
        Assert.Equal("like reference 0.62 — differs", Render<PlotCard>(p => p.Add(c => c.Plot, unlike)).Find("[data-testid='reference-similarity']").TextContent);
        Assert.Empty(Render<PlotCard>(p => p.Add(c => c.Plot, Verdicts.Plot("ECAL_adcOccupancy", "Good"))).FindAll("[data-testid='reference-similarity']"));
    }
}
