using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>
/// An expert makes the shown image the plot type's reference from Plot detail and clears it again
/// (ADR-010); Inference records the signed-in person Web forwarded, not a name the browser chose.
/// </summary>
[Collection(HydraAppCollection.Name)]
public sealed class ReferenceBrowserTests(HydraAppFixture hydra, BrowserFixture browser)
{
    /// <summary>A demo plot no other browser test labels or sets a reference for.</summary>
    private const string Plot = "DC_occupancyNorm";

    [Fact]
    public async Task An_expert_sets_the_shown_image_as_the_reference_and_clears_it()
    {
        using var inference = HydraPages.Inference(hydra);
        var imageId = await NewestImageAsync(inference);
        // Only a Good image may become the reference: the tests' admin labels this one Good first.
        (await inference.PostAsJsonAsync("/api/v1/labels", new LabelBatch("tests", [new LabelChangeRequest(imageId, "Good")]), HydraPages.Json)).EnsureSuccessStatusCode();
        try
        {
            var (context, page) = await HydraPages.OpenAsync(hydra, browser, $"/plots/{Plot}?image={imageId}", HydraAppFixture.Expert);
            await using var _ = context;

            var use = page.Locator("[data-testid='reference-use']");
            await Assertions.Expect(use).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await use.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid='reference-is-this']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid='reference-current']")).ToContainTextAsync($"set by {HydraAppFixture.Expert}");

            // Inference's own answer, read as the tests' admin: the expert who clicked, and the image.
            var set = await inference.GetFromJsonAsync<PlotReferenceView>($"/api/v1/plot-types/{Plot}/reference", HydraPages.Json);
            Assert.Equal((imageId, ReferenceSources.Expert, HydraAppFixture.Expert), (set!.ImageId, set.Source, set.SetBy));
            Assert.NotNull(set.SetAt);
            await BrowserFixture.SaveScreenshotAsync(page, "plot-detail-reference");

            await page.Locator("[data-testid='reference-clear']").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid='reference-current']")).Not.ToHaveAttributeAsync("data-source", ReferenceSources.Expert);
            await Assertions.Expect(page.Locator("[data-testid='reference-clear']")).ToHaveCountAsync(0);
            using var cleared = await inference.GetAsync($"/api/v1/plot-types/{Plot}/reference");
            if (cleared.StatusCode != HttpStatusCode.NotFound)
            {
                var automatic = await cleared.Content.ReadFromJsonAsync<PlotReferenceView>(HydraPages.Json);
                Assert.Equal((ReferenceSources.Automatic, null), (automatic!.Source, automatic.SetBy));
            }
        }
        finally
        {
            // Erase the label again: other tests count this plot type's labels.
            await inference.PostAsJsonAsync("/api/v1/labels", new LabelBatch("tests", [new LabelChangeRequest(imageId, null)]), HydraPages.Json);
        }
    }

    private static async Task<long> NewestImageAsync(HttpClient inference)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var verdicts = await inference.GetFromJsonAsync<List<VerdictView>>($"/api/v1/plot-types/{Plot}/verdicts?limit=5", HydraPages.Json);
            if (verdicts is { Count: > 0 }) return verdicts[^1].ImageId;
            await Task.Delay(1000);
        }
        Assert.Fail($"no {Plot} image within 120 s");
        return 0;
    }
}
