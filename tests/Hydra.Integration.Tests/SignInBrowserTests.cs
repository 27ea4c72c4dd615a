using System.Text.RegularExpressions;
using Hydra.Core;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>Accounts in Chromium (ADR-011): closed by default, the sign-in form, and the Admin's account page.</summary>
[Collection(HydraAppCollection.Name)]
public sealed class SignInBrowserTests(HydraAppFixture hydra, BrowserFixture browser)
{
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_comes_back_signed_in_and_can_sign_out()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = hydra.App.GetEndpoint(HydraResources.Web).ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/log");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        await page.Locator("[data-testid='login-user']").FillAsync(HydraAppFixture.Shifter);
        await page.Locator("[data-testid='login-password']").FillAsync("not the password");
        await page.Locator("[data-testid='login-submit']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='login-error']")).ToContainTextAsync("Wrong user name or password");

        await page.Locator("[data-testid='login-user']").FillAsync(HydraAppFixture.Shifter);
        await page.Locator("[data-testid='login-password']").FillAsync(HydraAppFixture.People[HydraAppFixture.Shifter].Password!);
        await page.Locator("[data-testid='login-submit']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/log$"));
        await Assertions.Expect(page.Locator("[data-testid='signed-in']")).ToHaveTextAsync(HydraAppFixture.Shifter);
        await HydraPages.WaitUntilInteractiveAsync(page);
        // A Viewer sees no link to the experts' pages.
        await Assertions.Expect(page.Locator("[aria-label='Hydra pages'] a[href='/labeler']")).ToHaveCountAsync(0);

        await page.Locator("[data-testid='logout']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task The_admin_creates_a_labeler_who_then_labels_only_their_detector_and_cannot_open_the_library()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/admin", "admin");
        await using var _ = context;

        await page.Locator("[data-testid='account-user']").FillAsync("lara");
        await page.Locator("[data-testid='account-password']").FillAsync("lara's long password");
        await page.Locator("input[data-role='Labeler']").CheckAsync();
        await page.Locator("[data-testid='account-scopes']").FillAsync("CTOF");
        await page.Locator("[data-testid='account-save']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='admin-message']")).ToContainTextAsync("Saved lara: Labeler");
        await Assertions.Expect(page.Locator("tr[data-user='lara']")).ToContainTextAsync("CTOF");

        await using var laraContext = await browser.Browser.NewContextAsync(new() { BaseURL = hydra.App.GetEndpoint(HydraResources.Web).ToString() });
        var lara = await laraContext.NewPageAsync();
        await HydraPages.SignInAsync(lara, "lara", "lara's long password", "/labeler");
        await HydraPages.WaitUntilInteractiveAsync(lara);
        await Assertions.Expect(lara.Locator("[data-testid='plot-select'] option[value='CTOF_adc']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(lara.Locator("[data-testid='plot-select'] option[value='ECAL_adcOccupancy']")).ToHaveCountAsync(0);

        await lara.GotoAsync("/library");
        await Assertions.Expect(lara.Locator("[data-testid='not-permitted']")).ToBeVisibleAsync();
    }
}
