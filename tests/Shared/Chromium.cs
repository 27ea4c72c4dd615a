using Microsoft.Playwright;

namespace Hydra.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright, and Web's sign-in form. Playwright's own browser download
/// cannot run here (no network but the package registries), so the browser comes from the
/// machine's packages. Linked into the browser tests and the load benchmark.
/// </summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArguments) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindExecutable(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", .. extraArguments],
        });

    /// <summary>Signs in through Web's sign-in form, which then opens <paramref name="path"/>.</summary>
    public static async Task SignInAsync(IPage page, string person, string password, string path)
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(path)}");
        await page.Locator("[data-testid='login-user']").FillAsync(person);
        await page.Locator("[data-testid='login-password']").FillAsync(password);
        await page.Locator("[data-testid='login-submit']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
    }

    /// <summary>A page is interactive once its circuit is up: until then a click on the prerendered page would be lost.</summary>
    public static async Task WaitUntilInteractiveAsync(IPage page) =>
        await Assertions.Expect(page.Locator("[data-testid='interactive']")).ToHaveAttributeAsync("data-interactive", "True", new() { Timeout = 30_000 });

    private static string FindExecutable()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .Append("/usr/bin/chromium");
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: run eng/install-prerequisites.sh --tests (apt-get install chromium)");
    }
}
