using System.Net;
using System.Net.Http.Json;
using Hydra.Core;
using Hydra.Core.Health;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Integration.Tests;

/// <summary>
/// A dependency that goes away shows as an unhealthy service with the reason, and the service
/// keeps running (no crash loop); when the dependency returns, everything turns healthy again.
/// </summary>
[Collection(HydraAppCollection.Name)]
public sealed class BrokenDependencyTests(HydraAppFixture hydra)
{
    [Fact]
    public async Task Redis_down_makes_inference_unhealthy_with_the_reason_then_it_recovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var commands = hydra.App.Services.GetRequiredService<ResourceCommandService>();
        using var http = hydra.App.CreateHttpClient(HydraResources.Inference);

        var stopped = await commands.ExecuteCommandAsync(HydraResources.Redis, KnownResourceCommands.StopCommand, timeout.Token);
        Assert.True(stopped.Success, stopped.Message);
        try
        {
            var report = await WaitForReportAsync(http, r => r.Status == HealthStatusNames.Unhealthy, timeout.Token);

            var redisCheck = Assert.Single(report.Checks, c => c.Name.Contains("redis", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(HealthStatusNames.Unhealthy, redisCheck.Status);
            Assert.False(string.IsNullOrWhiteSpace(redisCheck.Description), "an unhealthy check must say why");
            // The database is still fine: the report blames only what is broken.
            Assert.Contains(report.Checks, c => c.Name == "MonitoringDb" && c.Status == HealthStatusNames.Healthy);
            // Still the same running process, answering: not a crash loop.
            Assert.True(hydra.App.ResourceNotifications.TryGetCurrentState(HydraResources.Inference, out var inference));
            Assert.Equal(KnownResourceStates.Running, inference.Snapshot.State?.Text);
        }
        finally
        {
            var started = await commands.ExecuteCommandAsync(HydraResources.Redis, KnownResourceCommands.StartCommand, timeout.Token);
            Assert.True(started.Success, started.Message);
        }

        var recovered = await WaitForReportAsync(http, r => r.Status == HealthStatusNames.Healthy, timeout.Token);
        Assert.All(recovered.Checks, c => Assert.Equal(HealthStatusNames.Healthy, c.Status));
        await hydra.WaitUntilHealthyAsync(timeout.Token);
    }

    private static async Task<ServiceHealthReport> WaitForReportAsync(HttpClient http, Func<ServiceHealthReport, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync("/health", cancellationToken);
            var report = await response.Content.ReadFromJsonAsync<ServiceHealthReport>(cancellationToken);
            if (report is not null && condition(report))
            {
                Assert.Equal(report.IsHealthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, response.StatusCode);
                return report;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
