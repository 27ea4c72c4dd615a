using Hydra.Assistant.Logbook;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hydra.Testing.Assistant;

/// <summary>
/// The assistant in-process against a real PostgreSQL database and Redis, reading Inference's API
/// from <paramref name="inferenceUrl"/> through service discovery (as <c>http://inference</c>).
/// The embedding model is shared (it takes a second or two to load); a scripted or real chat
/// client may be given, else the assistant is in offline mode. (Any type of Hydra.Assistant names
/// its assembly; its Program would clash with a benchmark's own.)
/// </summary>
public sealed class AssistantHost(string database, string redis, string inferenceUrl, TextEmbedder embedder,
    IChatClient? chatClient = null, IReadOnlyDictionary<string, string?>? settings = null,
    Func<HttpMessageHandler>? inferenceHandler = null) : WebApplicationFactory<TextEmbedder>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:assistant-db", database);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("services:inference:http:0", inferenceUrl);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // A fresh database has no migrations table yet: EF logs that first query as a failed command.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        // Polled while the migrations run: "unhealthy until the schema is current" is expected here.
        builder.UseSetting("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks", "None");
        // The assistant admits callers with the service key only (ADR-011); the tests' clients carry it.
        builder.UseSetting("Hydra:Auth:ServiceKey", ServiceKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TextEmbedder>();
            services.AddSingleton(embedder);
            // A real Inference hosted in-process has no port: its test server's handler carries the calls.
            if (inferenceHandler is not null) services.AddHttpClient<Hydra.Assistant.Inference.InferenceClient>().ConfigurePrimaryHttpMessageHandler(inferenceHandler);
            if (chatClient is not null)
            {
                services.RemoveAll<IChatClient>();
                services.AddSingleton(chatClient);
            }
        });
    }

    /// <summary>The same key as the Inference tests' callers: in the AppHost too, one key serves every service.</summary>
    public const string ServiceKey = "test-service-key-0123456789";

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(Hydra.Core.Accounts.ServiceHeaders.ServiceKey, ServiceKey);
    }

    /// <summary>Waits for the migrations: /health answers 200.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/health");
            if (response.IsSuccessStatusCode) return client;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Assistant never became healthy: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }
}
