using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>The Clustering page (issue 6) in Chromium against the running app and its demo stream.</summary>
[Collection(HydraAppCollection.Name)]
public sealed class ClusteringBrowserTests(HydraAppFixture hydra, BrowserFixture browser)
{
    /// <summary>A demo plot no fault touches: its images arrive every few seconds.</summary>
    private const string Plot = "CTOF_adc";

    [Fact]
    public async Task The_map_shows_a_point_per_image_and_a_click_shows_that_image()
    {
        // Wait for a few chunks, so the map has points to spread.
        using var inference = HydraPages.Inference(hydra);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await inference.GetFromJsonAsync<List<VerdictView>>($"/api/v1/plot-types/{Plot}/verdicts", HydraPages.Json) ?? []).Count < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Plot} got fewer than 4 images in 90 s");
            await Task.Delay(1000);
        }

        var (context, page) = await HydraPages.OpenAsync(hydra, browser, $"/clustering?plot={Plot}&k=2&limit=100");
        await using var _ = context;

        var points = page.Locator("[data-testid='cluster-map'] circle.cluster-point");
        await Assertions.Expect(points.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(await points.CountAsync() >= 4);
        await Assertions.Expect(page.Locator("[data-testid='cluster-summary']")).ToContainTextAsync("resnet18");
        await Assertions.Expect(page.Locator("[data-testid='cluster-legend'] [data-key='cluster 1']")).ToBeVisibleAsync();

        var imageId = await points.Nth(1).GetAttributeAsync("data-image");
        await points.Nth(1).ClickAsync();
        var image = page.Locator("[data-testid='cluster-image']");
        await Assertions.Expect(image).ToHaveAttributeAsync("data-image", imageId!);
        await page.WaitForFunctionAsync("() => { const img = document.querySelector(\"[data-testid='cluster-image']\"); return img && img.complete && img.naturalWidth > 0; }");
        await Assertions.Expect(page.Locator($"circle.cluster-point.selected[data-image='{imageId}']")).ToHaveCountAsync(1);

        // Colouring by run conditions names the demo run's island in the legend.
        await page.GetByLabel("Colour by").SelectOptionAsync("Conditions");
        await Assertions.Expect(page.Locator("[data-testid='cluster-legend'] [data-key]").First).Not.ToHaveAttributeAsync("data-key", "cluster 1");
        await BrowserFixture.SaveScreenshotAsync(page, "clustering");
    }
}
