using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Accounts;
using Hydra.Core.Assistant;

namespace Hydra.Assistant.Tests;

/// <summary>The Assistant answers Web only, and a person's questions are rate limited (ADR-011).</summary>
public sealed class AccessTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    protected override bool ReadsOnly => true;

    [Fact]
    public async Task A_caller_without_the_service_key_is_refused_but_health_stays_open()
    {
        using var stranger = Host.CreateClient();
        stranger.DefaultRequestHeaders.Remove(ServiceHeaders.ServiceKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/logbook/search?q=crate")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/v1/chat", new ChatRequest("what is alarming now?", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/logbook/search?q=crate")).StatusCode);
    }

    [Fact]
    public async Task A_person_asking_more_than_twenty_questions_a_minute_is_told_to_wait()
    {
        using var web = Host.CreateClient();
        web.DefaultRequestHeaders.Add(ServiceHeaders.User, "rate-limited-person");
        web.DefaultRequestHeaders.Add(ServiceHeaders.Roles, HydraRoles.Viewer);

        var statuses = new List<HttpStatusCode>();
        for (var question = 0; question < 21; question++)
        {
            // Only the status matters: the limiter decides before the answer starts.
            using var response = await web.PostAsJsonAsync("/api/v1/chat", new ChatRequest(""));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.BadRequest)); // an empty question, refused after the limiter let it in
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Calls_without_a_person_share_one_bucket_of_their_own()
    {
        await StartAssistantAsync(settings: new Dictionary<string, string?> { [Security.AssistantSecurity.ServiceChatPerMinuteKey] = "3" });

        var statuses = new List<HttpStatusCode>();
        for (var question = 0; question < 4; question++)
        {
            using var response = await Api.PostAsJsonAsync("/api/v1/chat", new ChatRequest("")); // the service key, no X-Hydra-User
            statuses.Add(response.StatusCode);
        }
        using var person = PersonClient("someone on shift");
        person.DefaultRequestHeaders.Add(ServiceHeaders.Roles, HydraRoles.Viewer);
        using var theirs = await person.PostAsJsonAsync("/api/v1/chat", new ChatRequest(""));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode); // a person's own bucket is untouched
    }

    [Fact]
    public async Task Prometheus_scrapes_the_assistant_without_the_service_key_and_sees_the_requests_it_served()
    {
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/logbook/search?q=crate")).StatusCode);
        using var prometheus = Host.CreateClient();
        prometheus.DefaultRequestHeaders.Remove(ServiceHeaders.ServiceKey);

        using var scrape = await prometheus.GetAsync("/metrics");
        var metrics = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics);
        Assert.Contains("http_route=\"/api/v1/logbook/search\"", metrics);
    }
}
