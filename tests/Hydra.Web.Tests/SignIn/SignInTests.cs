using System.Net;
using System.Text.RegularExpressions;

namespace Hydra.Web.Tests.SignIn;

[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "sign-in";
}

/// <summary>
/// Web's doors (ADR-011): closed by default, a sign-in form with an antiforgery token that Inference
/// answers, the person forwarded on every call to Inference, and roles that keep pages shut.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed partial class SignInTests(RedisFixture redis)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/log")]
    [InlineData("/labeler")]
    [InlineData("/admin")]
    [InlineData("/control-room")]
    [InlineData("/images/1/png")]
    public async Task Every_page_sends_an_anonymous_visitor_to_sign_in(string path)
    {
        await using var web = new WebHost(redis);
        using var browser = web.Browser();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Without_the_anonymous_run_page_blazors_hub_is_closed_but_its_script_is_not()
    {
        await using var web = new WebHost(redis);
        using var browser = web.Browser();

        // SignalR answers 401 rather than the sign-in redirect a page gets.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/_framework/blazor.web.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task A_person_signs_in_with_the_form_and_web_calls_inference_on_their_behalf()
    {
        await using var web = new WebHost(redis);
        using var browser = web.Browser();

        var wrong = await SignInAsync(browser, "ada", "not the password", "/log");
        Assert.Contains("error=wrong", wrong.Headers.Location!.ToString());

        var signedIn = await SignInAsync(browser, "ada", WebHost.People["ada"].Password, "/log");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/log", signedIn.Headers.Location!.ToString());
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("hydra=", StringComparison.Ordinal) && cookie.Contains("httponly"));

        web.InferenceCalls.Clear();
        var log = await browser.GetAsync("/log");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Contains("ada", await log.Content.ReadAsStringAsync()); // the header names who is signed in
        var call = Assert.Single(web.InferenceCalls.Where(c => c.Path == "/api/v1/alarms").Take(1));
        Assert.Equal(("ada", "DetectorExpert,Labeler", WebHost.ServiceKey), (call.User, call.Roles, call.Key));
    }

    [Fact]
    public async Task A_cookie_from_one_web_replica_is_good_on_another_because_the_keys_are_in_redis()
    {
        await using var first = new WebHost(redis);
        await using var second = new WebHost(redis);
        using var browser = first.Browser();
        var signedIn = await SignInAsync(browser, "ada", WebHost.People["ada"].Password, "/log");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("hydra=", StringComparison.Ordinal)).Split(';')[0];

        using var otherReplica = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        otherReplica.DefaultRequestHeaders.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await otherReplica.GetAsync("/log")).StatusCode);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.RedisConnectionString);
        Assert.True(await connection.GetDatabase().ListLengthAsync("hydra:web:data-protection-keys") > 0, "the key ring is in Redis");
    }

    [Fact]
    public async Task The_sign_in_form_is_refused_without_its_antiforgery_token()
    {
        await using var web = new WebHost(redis);
        using var browser = web.Browser();

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "ada", ["password"] = WebHost.People["ada"].Password, ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(web.InferenceCalls, c => c.Path == "/api/v1/accounts/password-check");
    }

    [Fact]
    public async Task A_viewer_is_kept_out_of_the_experts_pages_and_the_admin_page()
    {
        await using var web = new WebHost(redis);
        using var browser = web.Browser();
        await SignInAsync(browser, "vic", WebHost.People["vic"].Password, "/");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        foreach (var path in new[] { "/labeler", "/library", "/admin" })
        {
            var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var web = new WebHost(redis);
        using var browser = web.Browser();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 12; attempt++) statuses.Add((await SignInAsync(browser, "ada", "guess " + attempt, "/")).StatusCode);

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task With_the_anonymous_run_page_configured_the_run_page_and_control_room_open_and_nothing_else_does()
    {
        await using var web = new WebHost(redis, anonymousRunPage: true);
        using var browser = web.Browser();

        var run = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("data-testid=\"login-link\"", await run.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/control-room")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/log")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/labeler")).StatusCode);
        // The circuit's hub is open too, or the anonymous screen would never go live.
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        // No person is forwarded: Inference sees Web itself, which may only read.
        Assert.All(web.InferenceCalls, call => Assert.Null(call.User));
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string user, string password, string returnUrl)
    {
        var form = await browser.GetStringAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = user, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
