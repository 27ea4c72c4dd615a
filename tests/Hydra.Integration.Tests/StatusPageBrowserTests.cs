using Hydra.Core;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>The Web shell in a real Chromium: navigation works and the status page shows every service.</summary>
[Collection(HydraAppCollection.Name)]
public sealed class StatusPageBrowserTests(HydraAppFixture hydra, BrowserFixture browser)
{
    [Fact]
    public async Task Status_page_shows_each_service_healthy_in_the_browser()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/status");
        await using var _ = context;

        foreach (var service in HydraResources.Services)
        {
            var card = page.Locator($"[data-service='{service}']");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "Healthy");
            await Assertions.Expect(card).ToContainTextAsync(service);
            // The status is written out, not only coloured.
            await Assertions.Expect(card.Locator("[data-testid='status-badge']")).ToContainTextAsync("Healthy");
        }
        await BrowserFixture.SaveScreenshotAsync(page, "status-page");
    }

    [Fact]
    public async Task Navigation_reaches_the_status_page_from_the_run_page()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/");
        await using var _ = context;
        await Assertions.Expect(page.Locator("[data-testid='run-number']")).ToBeVisibleAsync();

        // The hamburger's drawer (for narrow screens) holds a second copy of the navigation; click the side bar's.
        await page.Locator("[aria-label='Hydra pages'] a[href='/status']:not([id$='-drawer'] a)").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/status$"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Service status");
    }
}
