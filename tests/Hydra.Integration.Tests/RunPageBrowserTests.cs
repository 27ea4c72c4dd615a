using Hydra.Core;
using Microsoft.Playwright;
using SkiaSharp;

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

    [Fact]
    public async Task An_earlier_run_can_be_looked_back_at_and_the_picker_returns_to_the_current_run()
    {
        // Run 7 is far below the demo stream's runs, so it never becomes the current run; DC_groupMult has no
        // shipped model (NoModel), so the image raises no alarm the other tests would see.
        using var inference = HydraPages.Inference(hydra);
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(new SKColor(200, 30, 30));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("7"), "run" }, { new StringContent("DC_groupMult"), "plot" }, { new StringContent("3"), "chunk" },
            { new ByteArrayContent(png.ToArray()), "file", "DC_groupMult_3.png" },
        };
        (await inference.PostAsync("/api/v1/images", form)).EnsureSuccessStatusCode();
        (await inference.PostAsync("/api/v1/runs/7/end", null)).EnsureSuccessStatusCode();

        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/runs/7");
        await using var _ = context;
        await Assertions.Expect(page.Locator("[data-testid='run-number']")).ToHaveTextAsync("Run 7");
        await Assertions.Expect(page.Locator("[data-plot='DC_groupMult']")).ToHaveAttributeAsync("data-chunk", "3", new() { Timeout = 30_000 });
        // A finished run is looked back at, not watched: PAST, not a shouted STALE.
        await Assertions.Expect(page.Locator("[data-testid='live-state']")).ToHaveAttributeAsync("data-state", "past");
        await Assertions.Expect(page.Locator("[data-plot='CTOF_adc']")).ToHaveCountAsync(0); // the demo run's plots are not mixed in

        await page.GetByLabel("Run", new() { Exact = true }).SelectOptionAsync("");
        // As long as the current run's grid below: on two busy cores the circuit can take longer than 30 s.
        // Only until the new page is committed: its load event also waits for ~95 thumbnails and their
        // GradCAM maps, which the grid assertion below does not need.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-plot='CTOF_adc']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid='run-number']")).Not.ToHaveTextAsync("Run 7");
    }
}
