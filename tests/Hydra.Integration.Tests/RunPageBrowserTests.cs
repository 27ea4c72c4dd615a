using Hydra.Core;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>The Run page in Chromium, fed by the AppHost's demo stream (Iolaus, a chunk every 3 s).</summary>
[Collection(HydraAppCollection.Name)]
public sealed class RunPageBrowserTests(HydraAppFixture hydra, BrowserFixture browser)
{
    [Fact]
    public async Task The_run_page_shows_every_streamed_plot_and_new_verdicts_arrive_without_a_reload()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/");
        await using var _ = context;

        var card = page.Locator("[data-plot='CTOF_adc']");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid='live-state']")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(page.Locator("[data-testid='plot-count']")).ToHaveTextAsync($"PLOTS ({HydraAppFixture.DemoPlots.Length}/{HydraAppFixture.DemoPlots.Length})");
        // The verdict is written out, with its icon, not shown by colour alone.
        await Assertions.Expect(card.Locator(".verdict")).Not.ToBeEmptyAsync();
        // The thumbnail loads through Web's image proxy. Polled, not read once: a new chunk every 3 s swaps the
        // src, and between "complete" and "naturalWidth" the browser may already be fetching the next one.
        await page.WaitForFunctionAsync(
            "() => { const img = document.querySelector(\"[data-plot='CTOF_adc'] img.plot-thumbnail\"); return img !== null && img.complete && img.naturalWidth > 0; }",
            null, new() { Timeout = 30_000 });

        await BrowserFixture.SaveScreenshotAsync(page, "run-page");

        // A later chunk replaces the card in place: no reload, the page's own connection carries it.
        var firstChunk = int.Parse((await card.GetAttributeAsync("data-chunk"))!);
        await Assertions.Expect(card).Not.ToHaveAttributeAsync("data-chunk", firstChunk.ToString(), new() { Timeout = 30_000 });

        // The filter narrows the grid and says how many it shows.
        await page.GetByLabel("Filter plots").FillAsync("DC_occ");
        await Assertions.Expect(page.Locator("[data-testid='plot-count']")).ToHaveTextAsync($"PLOTS (1/{HydraAppFixture.DemoPlots.Length})");
        await Assertions.Expect(card).ToBeHiddenAsync();
    }
}
