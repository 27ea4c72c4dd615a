using System.Net.Http.Json;
using Hydra.Core;
using Hydra.Core.Monitoring;
using Hydra.Models;
using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using Microsoft.Playwright;

namespace Hydra.Integration.Tests;

/// <summary>What the browser tests share: a page on Web, Inference's API, and a model whose opinion a test knows.</summary>
public static class HydraPages
{
    /// <summary>Inference writes enums as names.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<(IBrowserContext Context, IPage Page)> OpenAsync(HydraAppFixture hydra, BrowserFixture browser, string path)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = hydra.App.GetEndpoint(HydraResources.Web).ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => Console.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => Console.WriteLine($"[browser error] {error}");
        await GotoAsync(page, path);
        return (context, page);
    }

    /// <summary>Opens a page and waits until it is interactive: a click on the prerendered page would be lost.</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
    }

    public static async Task WaitUntilInteractiveAsync(IPage page) =>
        await Assertions.Expect(page.Locator("[data-testid='interactive']")).ToHaveAttributeAsync("data-interactive", "True", new() { Timeout = 30_000 });

    public static HttpClient Inference(HydraAppFixture hydra) => hydra.App.CreateHttpClient(HydraResources.Inference);

    /// <summary>
    /// A cam-v1 network that calls every image Bad with 99.97 % (its weights ignore the pixels), imported
    /// through the API and activated: an alarm the tests can count on, whatever the demo stream shows.
    /// </summary>
    public static async Task<Guid> ActivateAlwaysBadModelAsync(HydraAppFixture hydra, string plotName)
    {
        var network = new CamNetwork(new ImageShape(1, 16, 16), [new ConvBlock(1, 1, 1, [1f], [0f])],
            new CamHead(1, 3, [0f, 0f, 0f], [-5f, 5f, -3f]), ["Good", "Bad", "NoData"]);
        using var http = Inference(hydra);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(CamNetworkOnnx.Export(network)), "file", "always-bad.onnx" },
            { new StringContent("always-bad"), "name" },
        };
        var imported = await http.PostAsync($"/api/v1/plot-types/{plotName}/models", form);
        imported.EnsureSuccessStatusCode();
        var model = (await imported.Content.ReadFromJsonAsync<ModelView>(Json))!;
        (await http.PostAsync($"/api/v1/models/{model.ModelId}/activate?by=tests", null)).EnsureSuccessStatusCode();
        return model.ModelId;
    }
}
