using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Hydra.Inference.Tests;

/// <summary>
/// One Inference replica, in-process, against the fixture's PostgreSQL database and Redis, with
/// test settings (short intervals, webhooks, inbox). Several may run at once against one database.
/// </summary>
public sealed class InferenceHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>What this replica logged at Warning and above; put it in an assertion's message.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>Waits for the migrations and both connections: /health answers 200. The client acts as an Admin.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient().AsAdmin();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/health");
            if (response.IsSuccessStatusCode) return client;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Inference never became healthy: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }
}
