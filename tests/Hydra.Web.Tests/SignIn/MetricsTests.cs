using System.Net;

namespace Hydra.Web.Tests.SignIn;

/// <summary>Prometheus scrapes Web at /metrics like Inference and the Assistant (ServiceDefaults), without signing in.</summary>
[Collection(SignInCollection.Name)]
public sealed class MetricsTests(RedisFixture redis)
{
    [Fact]
    public async Task Prometheus_scrapes_web_without_signing_in_and_sees_the_requests_it_served()
    {
        await using var web = new WebHost(redis);
        using var browser = web.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/login")).StatusCode);

        using var scrape = await browser.GetAsync("/metrics");
        var metrics = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"200\"", metrics);
    }
}
