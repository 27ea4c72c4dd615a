using System.Net;
using System.Net.Http.Json;
using Hydra.Core;
using Hydra.Core.Health;
using Npgsql;
using StackExchange.Redis;

namespace Hydra.Integration.Tests;

/// <summary>The whole app, started by the real AppHost in local mode, comes up healthy and complete.</summary>
[Collection(HydraAppCollection.Name)]
public sealed class AppHostTests(HydraAppFixture hydra)
{
    [Fact]
    public void Every_resource_is_running_and_healthy()
    {
        foreach (var name in HydraAppFixture.Resources)
        {
            Assert.True(hydra.App.ResourceNotifications.TryGetCurrentState(name, out var resource), $"{name} has no state");
            Assert.Equal(KnownResourceStates.Running, resource.Snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, resource.Snapshot.HealthStatus);
        }
    }

    [Theory]
    [InlineData(HydraResources.Inference, "MonitoringDb-migrations")]
    [InlineData(HydraResources.Assistant, "AssistantDb-migrations")]
    [InlineData(HydraResources.Web, "self")]
    public async Task Each_service_reports_healthy_with_its_checks(string service, string expectedCheck)
    {
        using var http = hydra.App.CreateHttpClient(service);
        using var response = await http.GetAsync("/health");
        var report = await response.Content.ReadFromJsonAsync<ServiceHealthReport>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(report);
        Assert.Equal(HealthStatusNames.Healthy, report.Status);
        Assert.Contains(report.Checks, check => check.Name == expectedCheck && check.Status == HealthStatusNames.Healthy);
        // Each service checks what it connects to, not only itself.
        Assert.Contains(report.Checks, check => check.Name.Contains("redis", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(HydraResources.MonitoringDatabase, new[] { "run_periods", "runs", "plot_types", "images", "image_contents", "verdicts" })]
    [InlineData(HydraResources.AssistantDatabase, new[] { "logbook_entries", "conversations", "conversation_messages" })]
    public async Task Migrations_created_the_schema(string database, string[] tables)
    {
        await using var connection = new NpgsqlConnection(await hydra.App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'public'", connection);
        var existing = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) existing.Add(reader.GetString(0));
        }

        Assert.All(tables, table => Assert.Contains(table, existing));
        Assert.Contains("__EFMigrationsHistory", existing);
    }

    [Fact]
    public async Task Redis_answers_a_round_trip()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await hydra.App.GetConnectionStringAsync(HydraResources.Redis) ?? "");
        var key = $"hydra-test:{Guid.NewGuid():N}";
        await redis.GetDatabase().StringSetAsync(key, "pong", TimeSpan.FromMinutes(1));

        Assert.Equal("pong", (string?)await redis.GetDatabase().StringGetAsync(key));
    }

    [Fact]
    public async Task Status_page_reports_every_service_healthy()
    {
        using var http = await HydraPages.SignedInWebAsync(hydra);
        var html = await http.GetStringAsync("/status");

        foreach (var service in HydraResources.Services)
        {
            Assert.Contains($"data-service=\"{service}\" data-status=\"Healthy\"", html);
        }
    }
}
