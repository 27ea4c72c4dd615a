using System.Net.Http.Json;
using Hydra.Core;
using Hydra.Core.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hydra.Web.Status;

/// <summary>
/// Asks every Hydra service how it is, for the status page. The APIs are reached by service
/// discovery; Web answers for itself in process. A service that cannot be reached is reported as
/// Unhealthy with the reason, never as an exception on the page.
/// </summary>
public sealed class ServiceHealthClient(IHttpClientFactory httpClients, HealthCheckService ownChecks)
{
    public const string HttpClientName = "service-health";

    public async Task<IReadOnlyList<ServiceStatus>> GetAllAsync(CancellationToken cancellationToken)
    {
        var remote = HydraResources.Services.Where(s => s != HydraResources.Web).Select(s => GetRemoteAsync(s, cancellationToken));
        var statuses = await Task.WhenAll(remote.Append(GetOwnAsync(cancellationToken)));
        return [.. statuses.OrderBy(s => IndexOf(s.Service))];
    }

    private async Task<ServiceStatus> GetRemoteAsync(string service, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            // /health answers 503 with the same JSON body when unhealthy, so read the body either way.
            using var response = await client.GetAsync($"http://{service}{ServiceDefaultsExtensions.HealthPath}", cancellationToken);
            var report = await response.Content.ReadFromJsonAsync<ServiceHealthReport>(cancellationToken);
            return report is null
                ? ServiceStatus.Unreachable(service, $"answered HTTP {(int)response.StatusCode} with no health report")
                : new ServiceStatus(service, report.Status, report.Checks, DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return ServiceStatus.Unreachable(service, ex.GetBaseException().Message);
        }
    }

    private async Task<ServiceStatus> GetOwnAsync(CancellationToken cancellationToken)
    {
        var report = HealthReportWriter.ToContract(await ownChecks.CheckHealthAsync(cancellationToken));
        return new ServiceStatus(HydraResources.Web, report.Status, report.Checks, DateTimeOffset.UtcNow);
    }

    private static int IndexOf(string service)
    {
        var index = HydraResources.Services.ToList().IndexOf(service);
        return index < 0 ? int.MaxValue : index;
    }
}

/// <summary>One service's health as the status page shows it.</summary>
public sealed record ServiceStatus(string Service, string Status, IReadOnlyList<HealthCheckEntry> Checks, DateTimeOffset CheckedAt)
{
    public bool IsHealthy => Status == HealthStatusNames.Healthy;

    public static ServiceStatus Unreachable(string service, string reason) =>
        new(service, HealthStatusNames.Unhealthy, [new HealthCheckEntry("reachable", HealthStatusNames.Unhealthy, reason, TimeSpan.Zero)], DateTimeOffset.UtcNow);
}
