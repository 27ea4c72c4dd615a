using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Accounts;
using Hydra.Testing;
using Hydra.Web.Monitoring;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Web.Tests.SignIn;

/// <summary>One redis-server for the sign-in tests (Web listens to it for live events).</summary>
public sealed class RedisFixture : LocalServers, IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();
    public Task DisposeAsync() => StopAsync();
}

/// <summary>
/// Web in-process with real Redis. Inference is a stand-in at the HTTP boundary that knows two
/// accounts and records the headers Web sends, so a test can see whom Web said it was calling for.
/// </summary>
public sealed class WebHost(RedisFixture redis, bool anonymousRunPage = false) : WebApplicationFactory<InferenceApi>
{
    public const string ServiceKey = "web-test-service-key";
    public ConcurrentQueue<(string Path, string? User, string? Roles, string? Key)> InferenceCalls { get; } = new();

    public static readonly Dictionary<string, (string Password, AccountView Account)> People = new()
    {
        ["ada"] = ("ada's long password", new AccountView("ada", [HydraRoles.DetectorExpert, HydraRoles.Labeler], ["ECAL"], false)),
        ["vic"] = ("vic's long password", new AccountView("vic", [HydraRoles.Viewer], [], false)),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:redis", redis.RedisConnectionString);
        builder.UseSetting("Hydra:Auth:ServiceKey", ServiceKey);
        builder.UseSetting("Hydra:Web:AnonymousRunPage", anonymousRunPage ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
            services.AddHttpClient<InferenceApi>().ConfigurePrimaryHttpMessageHandler(() => new StandInInference(this)));
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private sealed class StandInInference(WebHost host) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? Header(string name) => request.Headers.TryGetValues(name, out var values) ? Uri.UnescapeDataString(values.First()) : null;
            var path = request.RequestUri!.AbsolutePath;
            host.InferenceCalls.Enqueue((path, Header(ServiceHeaders.User), Header(ServiceHeaders.Roles), Header(ServiceHeaders.ServiceKey)));
            if (Header(ServiceHeaders.ServiceKey) != ServiceKey) return new HttpResponseMessage(HttpStatusCode.Unauthorized);

            if (path == "/api/v1/accounts/password-check")
            {
                var check = (await request.Content!.ReadFromJsonAsync<PasswordCheck>(cancellationToken))!;
                return People.TryGetValue(check.UserName, out var person) && person.Password == check.Password
                    ? new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(person.Account) }
                    : new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }
            if (path.StartsWith("/api/v1/accounts/", StringComparison.Ordinal))
            {
                var name = Uri.UnescapeDataString(path["/api/v1/accounts/".Length..]);
                return People.TryGetValue(name, out var person)
                    ? new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(person.Account) }
                    : new HttpResponseMessage(HttpStatusCode.NotFound);
            }
            // No run yet, no plots, no alarms: the pages render their empty states.
            if (path == "/api/v1/runs/current") return new HttpResponseMessage(HttpStatusCode.NotFound);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", System.Text.Encoding.UTF8, "application/json") };
        }
    }
}
