using System.Net.Http.Json;
using Hydra.Core;
using Hydra.Core.Accounts;
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

    /// <summary>A new browser, signed in as <paramref name="person"/> (the shifter unless said), on <paramref name="path"/>.</summary>
    public static async Task<(IBrowserContext Context, IPage Page)> OpenAsync(HydraAppFixture hydra, BrowserFixture browser, string path, string person = HydraAppFixture.Shifter)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = hydra.App.GetEndpoint(HydraResources.Web).ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => Console.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => Console.WriteLine($"[browser error] {error}");
        await SignInAsync(page, person, HydraAppFixture.People.TryGetValue(person, out var account) ? account.Password! : HydraAppFixture.AdminPassword, path);
        await WaitUntilInteractiveAsync(page);
        return (context, page);
    }

    /// <summary>Signs in through the sign-in form, which then opens <paramref name="path"/>.</summary>
    public static Task SignInAsync(IPage page, string person, string password, string path) => Hydra.Testing.Chromium.SignInAsync(page, person, password, path);

    /// <summary>Opens a page and waits until it is interactive: a click on the prerendered page would be lost.</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
    }

    public static Task WaitUntilInteractiveAsync(IPage page) => Hydra.Testing.Chromium.WaitUntilInteractiveAsync(page);

    /// <summary>Web over plain HTTP, signed in as the shifter through the sign-in form (cookie kept by the client).</summary>
    public static async Task<HttpClient> SignedInWebAsync(HydraAppFixture hydra)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = hydra.App.GetEndpoint(HydraResources.Web),
        };
        var form = await http.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedIn = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = HydraAppFixture.Shifter,
            ["password"] = HydraAppFixture.People[HydraAppFixture.Shifter].Password!, ["returnUrl"] = "/",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.ToString());
        return http;
    }

    /// <summary>Inference's API as Web calls it: the service key and a forwarded Admin (named "tests").</summary>
    public static HttpClient Inference(HydraAppFixture hydra) => hydra.App.CreateHttpClient(HydraResources.Inference).AsTestAdmin();

    public static HttpClient AsTestAdmin(this HttpClient http)
    {
        http.DefaultRequestHeaders.Add(ServiceHeaders.ServiceKey, HydraAppFixture.ServiceKey);
        http.DefaultRequestHeaders.Add(ServiceHeaders.User, "tests");
        http.DefaultRequestHeaders.Add(ServiceHeaders.Roles, HydraRoles.Admin);
        return http;
    }

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
