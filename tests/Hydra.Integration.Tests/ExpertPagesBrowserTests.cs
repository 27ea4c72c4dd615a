using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hydra.Core.Monitoring;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>
/// The experts' loop in Chromium: label the streamed ECAL images in the Labeler (keys, click,
/// shift-click, Apply N), train a model from those labels in the Library with its progress bar,
/// activate it, evaluate it, and override a threshold.
/// </summary>
[Collection(HydraAppCollection.Name)]
public sealed class ExpertPagesBrowserTests(HydraAppFixture hydra, BrowserFixture browser)
{
    private const string Plot = "ECAL_adcOccupancy";
    private const string Expert = "Ada Expert";

    [Fact]
    public async Task Labels_applied_in_the_Labeler_train_a_model_that_the_Library_activates_evaluates_and_tunes()
    {
        using var http = HydraPages.Inference(hydra);
        await WaitForImagesAsync(http, 12);
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/labeler", HydraAppFixture.Expert);
        await using var _ = context;

        // The signed-in expert labels; the Labeler offers only the plot types their account may label (ECAL).
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveValueAsync(Expert);
        await Assertions.Expect(page.Locator($"[data-testid='plot-select'] option[value='{Plot}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='plot-select'] option[value='DC_occupancyNorm']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='plot-select'] option[value='CTOF_adc']")).ToHaveCountAsync(0);
        // Label: plot type, then 1 = Good for six images (click + shift-click), 2 = Bad for six more.
        await page.GetByLabel("Plot type").SelectOptionAsync(Plot);
        var tiles = page.Locator(".label-tile");
        await Assertions.Expect(tiles.Nth(11)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".palette-class[data-class='Good'] kbd")).ToHaveTextAsync("1");
        await page.Locator("[data-testid='labeler']").PressAsync("1");
        await tiles.Nth(0).ClickAsync();
        await tiles.Nth(5).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await page.Locator("[data-testid='labeler']").PressAsync("2");
        await Assertions.Expect(page.Locator(".palette-class[data-class='Bad']")).ToHaveClassAsync(new Regex("selected"));
        await tiles.Nth(6).ClickAsync();
        await tiles.Nth(11).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.Locator("[data-testid='apply']")).ToHaveTextAsync("Apply 12");
        var goodId = long.Parse((await tiles.Nth(2).GetAttributeAsync("data-image"))!);
        var badId = long.Parse((await tiles.Nth(9).GetAttributeAsync("data-image"))!);
        await page.Locator("[data-testid='apply']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='labeler-message']")).ToContainTextAsync("Applied 12");
        await Assertions.Expect(page.Locator("[data-testid='leaderboard']")).ToContainTextAsync(Expert);

        // Stored with who gave them, and gone from the unlabelled batch.
        Assert.Equal("Good", (await LabelsAsync(http, goodId))[^1].Classification);
        var badHistory = await LabelsAsync(http, badId);
        Assert.Equal(("Bad", Expert), (badHistory[^1].Classification, badHistory[^1].By));
        await Assertions.Expect(page.Locator($".label-tile[data-image='{goodId}']")).ToHaveCountAsync(0);

        // Editor mode shows them again, labelled, for relabelling.
        await page.Locator("[data-testid='editor-mode']").CheckAsync();
        await Assertions.Expect(page.Locator($".label-tile[data-image='{goodId}']")).ToHaveAttributeAsync("data-label", "Good");
        await BrowserFixture.SaveScreenshotAsync(page, "labeler-page");

        // Library: the same person, signed in. Train from the 12 labels with a progress bar.
        await HydraPages.GotoAsync(page, $"/library?plot={Plot}");
        await Assertions.Expect(page.Locator("[data-testid='expert']")).ToHaveValueAsync(Expert);
        // The shipped default is selected: its Bad threshold says which false-alarm bar set it, measured on what.
        await Assertions.Expect(page.Locator("[data-testid='thresholds'] tr[data-class='Bad']")).ToContainTextAsync("false_alarm_bar");
        await Assertions.Expect(page.Locator("[data-testid='thresholds'] tr[data-class='Bad'] [data-testid='threshold-basis']"))
            .ToHaveTextAsync(new Regex(@"at most 0\.5 % confirmed false alarms, on \d+ images of "));
        await page.GetByLabel("Epochs").FillAsync("3");
        await page.Locator("[data-testid='train']").ClickAsync();
        var job = page.Locator("[data-testid='training-job']").First;
        await Assertions.Expect(job).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 180_000 });
        var trained = page.Locator("[data-testid='models'] tr[data-model]").First;
        await Assertions.Expect(trained).ToHaveAttributeAsync("data-active", "False");

        await trained.Locator("[data-testid='activate']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='library-message']")).ToContainTextAsync("is now active");
        await Assertions.Expect(page.Locator("[data-testid='models'] tr[data-active='True']")).ToContainTextAsync("★");
        var plotTypes = await http.GetFromJsonAsync<List<PlotTypeView>>("/api/v1/plot-types", HydraPages.Json);
        Assert.Equal(await trained.GetAttributeAsync("data-model"), plotTypes!.Single(p => p.Name == Plot).ActiveModelId.ToString());

        await page.Locator("[data-testid='evaluate']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='tested-on']")).ToContainTextAsync(new Regex(@"Tested on \d+ images"));
        // The selected default's swept Good threshold is the sweep's to move, and the page says so; its
        // calibrated Bad threshold stays: 12 labels do not outweigh the 1,000 images that set it.
        await Assertions.Expect(page.Locator("[data-testid='library-message']")).ToContainTextAsync("Max-F1 thresholds adopted for Good");
        await Assertions.Expect(page.Locator("[data-testid='thresholds'] tr[data-class='Bad']")).ToContainTextAsync("false_alarm_bar");
        await Assertions.Expect(page.Locator("[data-testid='confusion'] td[data-expert='Good'][data-ai='Good'], [data-testid='confusion'] td[data-expert='Good'][data-ai='Bad']")).ToHaveCountAsync(2);

        // An expert's threshold override records who set it.
        var badRow = page.Locator("[data-testid='thresholds'] tr[data-class='Bad']");
        await badRow.GetByRole(AriaRole.Spinbutton).FillAsync("0.77");
        await badRow.GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='library-message']")).ToContainTextAsync($"Bad threshold set to 0.77 by {Expert}");
        await Assertions.Expect(badRow.Locator(".threshold-value")).ToHaveTextAsync("0.77");
        await Assertions.Expect(badRow).ToContainTextAsync(Expert);
        await BrowserFixture.SaveScreenshotAsync(page, "library-page");
    }

    [Fact]
    public async Task Statistics_show_labelling_per_detector_hydra_events_and_the_pipelines_stage_timings()
    {
        using var http = HydraPages.Inference(hydra);
        await WaitForImagesAsync(http, 2);
        var (context, page) = await HydraPages.OpenAsync(hydra, browser, "/statistics");
        await using var _ = context;

        foreach (var detector in new[] { "ECAL", "DC" })
        {
            var row = page.Locator($"[data-testid='label-statistics'] tr[data-detector='{detector}']");
            await Assertions.Expect(row).ToBeVisibleAsync();
            var images = int.Parse(await row.Locator("td").Nth(1).InnerTextAsync());
            Assert.True(images > 0, $"{detector} has images");
        }
        await Assertions.Expect(page.Locator("[data-testid='pipeline-summary']")).ToContainTextAsync("last verdict");
        await Assertions.Expect(page.Locator(".stage[data-stage]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='images-per-day'] .calendar-day")).Not.ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(page, "statistics-page");
    }

    private static async Task<List<LabelView>> LabelsAsync(HttpClient http, long imageId) =>
        (await http.GetFromJsonAsync<List<LabelView>>($"/api/v1/images/{imageId}/labels", HydraPages.Json))!;

    private static async Task WaitForImagesAsync(HttpClient http, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var verdicts = await http.GetFromJsonAsync<List<VerdictView>>($"/api/v1/plot-types/{Plot}/verdicts?limit={count}", HydraPages.Json);
            if (verdicts!.Count >= count) return;
            await Task.Delay(1000);
        }
        Assert.Fail($"fewer than {count} {Plot} images within 120 s");
    }
}
