using Aspire.Hosting.ApplicationModel;
using Hydra.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>The counting-house screen after a Web restart: it comes back by itself, nobody touches it.</summary>
[Collection(HydraAppCollection.Name)]
public sealed class ReconnectBrowserTests(HydraAppFixture hydra, BrowserFixture browser)
{
    [Fact]
    public async Task The_control_room_recovers_by_itself_after_Web_restarts()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/control-room");
        await using var _ = context;
        await Assertions.Expect(page.Locator("[data-testid='live-state']")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        // A mark in this page's memory: it survives a reconnect but not a reload.
        await page.EvaluateAsync("() => window.hydraTestMark = 'before restart'");

        await RestartWebAsync();

        // The old circuit is gone with the old process: the page reloads itself and is live again.
        await page.WaitForFunctionAsync("() => window.hydraTestMark === undefined", null, new() { Timeout = 90_000 });
        await HydraPages.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='live-state']")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid='control-room']")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Stops Web, waits until the old process has really exited (open circuits make its shutdown take a
    /// while, and a new process cannot bind the port before), then starts it again. Aspire's one-step
    /// restart raced that shutdown on a loaded machine and reported "failed to start".
    /// </summary>
    private async Task RestartWebAsync()
    {
        var commands = hydra.App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync(HydraResources.Web, KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await hydra.App.ResourceNotifications.WaitForResourceAsync(HydraResources.Web,
            [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart], timeout.Token);

        for (var attempt = 1; ; attempt++)
        {
            var started = await commands.ExecuteCommandAsync(HydraResources.Web, KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
            try
            {
                await hydra.App.ResourceNotifications.WaitForResourceHealthyAsync(HydraResources.Web, timeout.Token);
                return;
            }
            catch (DistributedApplicationException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), timeout.Token); // the port may still be held a moment
            }
        }
    }

}
