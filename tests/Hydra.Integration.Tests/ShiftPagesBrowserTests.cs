using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hydra.Core.Monitoring;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>
/// The shift crew's pages in Chromium, with a known opinion: DC_occupancyNorm gets a model that
/// calls everything Bad, so an alarm is raised; every page must show it and explain it.
/// </summary>
[Collection(HydraAppCollection.Name)]
public sealed class ShiftPagesBrowserTests(HydraAppFixture hydra, BrowserFixture browser) : IAsyncLifetime
{
    private const string BadPlot = "DC_occupancyNorm";
    /// <summary>A plot no demo fault touches and no default model judges: it stays in the grid.</summary>
    private const string GoodPlot = "CTOF_adc";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _modelActive;

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!_modelActive) await HydraPages.ActivateAlwaysBadModelAsync(hydra, BadPlot);
            _modelActive = true;
        }
        finally { Once.Release(); }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_confirmed_Bad_plot_moves_to_the_Bad_column_with_its_GradCAM_and_the_alarm_is_pinned_on_top()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/");
        await using var _ = context;

        var badCard = page.Locator($"[data-testid='bad-column'] [data-plot='{BadPlot}']");
        await Assertions.Expect(badCard).ToHaveAttributeAsync("data-verdict", "Bad", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator($"[data-pointer='{BadPlot}']")).ToBeVisibleAsync();
        await Assertions.Expect(badCard.Locator("[data-confirmed='True']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='active-alarms'] [data-kind='BadPlot']", new() { HasText = BadPlot })).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // A Bad card opens with its map half visible; the slider takes it to 0 and back.
        var slider = badCard.Locator("[data-testid='cam-opacity']");
        await Assertions.Expect(slider).ToHaveValueAsync("50");
        await Assertions.Expect(badCard.Locator("img.cam-overlay")).ToBeVisibleAsync();
        await slider.FillAsync("0");
        await Assertions.Expect(badCard.Locator("img.cam-overlay")).ToHaveCountAsync(0);
        await slider.FillAsync("80");
        await Assertions.Expect(badCard.Locator("img.cam-overlay")).ToHaveAttributeAsync("style", new Regex("opacity:0.8"));
        await page.WaitForFunctionAsync($"() => {{ const img = document.querySelector(\"[data-testid='bad-column'] [data-plot='{BadPlot}'] img.cam-overlay\"); return img && img.complete && img.naturalWidth > 0; }}");

        // The filters: by verdict, and Bad plots never leave their column.
        await page.GetByLabel("Verdict").SelectOptionAsync("Bad");
        await Assertions.Expect(page.Locator(".run-grid .plot-card")).ToHaveCountAsync(0);
        var pointers = await page.Locator(".run-grid [data-pointer]").CountAsync();
        Assert.True(pointers >= 1);
        await Assertions.Expect(page.Locator("[data-testid='plot-count']")).ToHaveTextAsync(new Regex($@"^PLOTS \({pointers}/{HydraAppFixture.DemoPlots.Length}\)$"));
        await BrowserFixture.SaveScreenshotAsync(page, "run-page-alarm");
    }

    [Fact]
    public async Task Hidden_plots_stay_hidden_in_this_browser_after_a_reload_and_come_back_on_request()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/");
        await using var _ = context;
        var card = page.Locator($".run-grid [data-plot='{GoodPlot}']");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // A new chunk every 3 s redraws the card; a click that lands just as it is redrawn may be
        // dropped by Blazor (the old button's handler is gone), so click again until the card goes.
        for (var attempt = 0; attempt < 3 && await card.CountAsync() > 0; attempt++)
        {
            await card.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
            try { await Assertions.Expect(card).ToHaveCountAsync(0, new() { Timeout = 2000 }); }
            catch (PlaywrightException) when (attempt < 2) { }
        }
        await Assertions.Expect(card).ToHaveCountAsync(0);
        Assert.Equal($"[\"{GoodPlot}\"]", await page.EvaluateAsync<string>("() => localStorage.getItem('hydra.hiddenPlots')"));
        await page.ReloadAsync();
        await HydraPages.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='show-hidden']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($".run-grid [data-plot='{GoodPlot}']")).ToHaveCountAsync(0);

        await page.Locator("[data-testid='show-hidden']").CheckAsync();
        await Assertions.Expect(page.Locator($".run-grid [data-plot='{GoodPlot}']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "unhide all" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='show-hidden']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_share_link_opens_exactly_the_shared_image_with_its_scores_regions_reference_and_history()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/");
        await using var _ = context;
        var card = page.Locator($"[data-testid='bad-column'] [data-plot='{BadPlot}']");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await card.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var link = await card.Locator("[data-testid='share-link']").InputValueAsync();
        // The link names the image the card showed at the click (a new chunk may have replaced it since).
        var imageId = Regex.Match(link, $@"/plots/{BadPlot}\?image=(\d+)$").Groups[1].Value;
        Assert.NotEmpty(imageId);

        // Later chunks arrive meanwhile; the link still shows the shared one.
        await page.WaitForTimeoutAsync(3500);
        await HydraPages.GotoAsync(page, link);
        await Assertions.Expect(page.Locator("[data-testid='image-id']")).ToHaveAttributeAsync("data-image", imageId);
        await Assertions.Expect(page.Locator("[data-testid='scores']")).ToContainTextAsync("Bad");
        await Assertions.Expect(page.Locator("[data-testid='scores']")).ToContainTextAsync("passes");
        await Assertions.Expect(page.Locator("[data-testid='regions']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='reference']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='history'] .history-cell.current")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='episodes'] tr[data-verdict='Bad']")).ToHaveCountAsync(1);

        // A wrong id is said plainly, not shown as some other plot's image.
        await HydraPages.GotoAsync(page, $"/plots/{GoodPlot}?image={imageId}");
        await Assertions.Expect(page.Locator("[data-testid='error']")).ToContainTextAsync($"is a {BadPlot} image");
        await HydraPages.GotoAsync(page, "/plots/NoSuchPlot");
        await Assertions.Expect(page.Locator("[data-testid='error']")).ToContainTextAsync("NoSuchPlot");
    }

    [Fact]
    public async Task Ask_why_on_a_Bad_card_gets_the_assistants_answer_beside_the_page_with_its_sources()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/");
        await using var _ = context;
        var card = page.Locator($"[data-testid='bad-column'] [data-plot='{BadPlot}']");
        await Assertions.Expect(card.Locator("[data-testid='ask-about']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        using var http = HydraPages.Inference(hydra);
        await WaitForAlarmAsync(http);

        await card.Locator("[data-testid='ask-about']").ClickAsync();
        var answer = page.Locator("[data-testid='chat-answer']").Last;
        // No language model is configured in the tests: the offline mode answers, and says so.
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-mode", "offline", new() { Timeout = 60_000 });
        await Assertions.Expect(answer).ToContainTextAsync(BadPlot);
        await Assertions.Expect(answer.Locator("[data-testid='chat-sources'] a").First).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "run-page-assistant");
    }

    [Fact]
    public async Task The_log_lists_the_alarm_with_its_duration_and_the_detectors_expert_contact()
    {
        using var http = HydraPages.Inference(hydra);
        await WaitForAlarmAsync(http);
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/log");
        await using var _ = context;

        var row = page.Locator("[data-testid='alarms'] tr", new() { HasText = BadPlot }).First;
        await Assertions.Expect(row).ToContainTextAsync("ACTIVE");
        await Assertions.Expect(row).ToContainTextAsync("DC on-call expert");
        await Assertions.Expect(page.Locator($"[data-testid='episodes'] tr[data-verdict='Bad']", new() { HasText = BadPlot }).First).ToBeVisibleAsync();

        // Filtering by another detector leaves the DC alarm out.
        await page.GetByLabel("Detector").SelectOptionAsync("ECAL");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='alarms'] tr", new() { HasText = BadPlot })).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(page, "log-page");
    }

    [Fact]
    public async Task The_timeline_draws_every_class_score_with_its_threshold_shades_the_alarm_and_zooms_by_dragging()
    {
        using var http = HydraPages.Inference(hydra);
        await WaitForAlarmAsync(http);
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, $"/timeline?plot={BadPlot}");
        await using var _ = context;

        var chart = page.Locator("[data-testid='score-chart']");
        await Assertions.Expect(chart.Locator("polyline[data-class='Bad']")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("polyline[data-class='Good']")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("line.threshold-line")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(chart.Locator("[data-testid='alarm-shade']").First).ToBeAttachedAsync();

        var box = (await chart.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.9f, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("[data-testid='reset-zoom']")).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "timeline-page");
    }

    [Fact]
    public async Task The_control_room_shows_large_cards_with_the_alarm_pinned_above_them()
    {
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/control-room");
        await using var _ = context;

        await Assertions.Expect(page.Locator("[data-testid='active-alarms'] [data-kind='BadPlot']", new() { HasText = BadPlot })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator($".control-room-grid .plot-card.large[data-plot='{BadPlot}']")).ToBeVisibleAsync();
        // Bad comes first on the wall.
        await Assertions.Expect(page.Locator(".control-room-grid .plot-card").First).ToHaveAttributeAsync("data-verdict", "Bad");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^ALARM"));
        await Assertions.Expect(page.Locator("nav")).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(page, "control-room");
    }

    private static async Task WaitForAlarmAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var alarms = await http.GetFromJsonAsync<List<AlarmView>>($"/api/v1/alarms?active=true", HydraPages.Json);
            if (alarms!.Any(a => a.PlotName == BadPlot)) return;
            await Task.Delay(1000);
        }
        Assert.Fail($"no alarm for {BadPlot} within 60 s of its always-Bad model");
    }
}
