using Hydra.Assistant.Logbook;
using Hydra.Testing;
using Hydra.Testing.Assistant;

namespace Hydra.Assistant.Tests;

/// <summary>
/// One PostgreSQL, one redis-server, one emulated Inference and one loaded MiniLM model for every
/// assistant test; each test gets its own database.
/// </summary>
public sealed class AssistantFixture : LocalServers, IAsyncLifetime
{
    public TextEmbedder Embedder { get; } = new();
    public EmulatedInferenceServer Inference { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var embedder = Task.Run(() => Embedder.Embed("warm up"));
        await StartAsync();
        Inference = await EmulatedInferenceServer.StartAsync();
        await embedder;
    }

    private Task<AssistantHost>? _shared;

    /// <summary>
    /// One assistant with the emulated logbooks imported, for the tests that only read (search,
    /// offline answers): starting a host and importing for each of them would double the suite's time.
    /// </summary>
    public Task<AssistantHost> SharedAssistantAsync() => _shared ??= StartSharedAsync();

    private async Task<AssistantHost> StartSharedAsync()
    {
        var host = new AssistantHost(await CreateDatabaseAsync(), RedisConnectionString, Inference.Url, Embedder);
        var api = await host.StartAsync();
        foreach (var file in new[] { "run-16042-logbook.json", "history-logbook.json" })
        {
            using var response = await api.PostAsync("/api/v1/logbook/import?format=json", new StringContent(await File.ReadAllTextAsync(AssistantTestBase.DataFile(file))));
            response.EnsureSuccessStatusCode();
        }
        return host;
    }

    public async Task DisposeAsync()
    {
        if (_shared is { IsCompletedSuccessfully: true }) await _shared.Result.DisposeAsync();
        await Inference.DisposeAsync();
        Embedder.Dispose();
        await StopAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AssistantCollection : ICollectionFixture<AssistantFixture>
{
    public const string Name = "assistant";
}

/// <summary>A fresh database and an assistant for each test, the emulated logbooks imported when asked.</summary>
[Collection(AssistantCollection.Name)]
public abstract class AssistantTestBase(AssistantFixture fixture) : IAsyncLifetime
{
    protected AssistantFixture Fixture => fixture;
    protected AssistantHost Host { get; set; } = null!;
    protected HttpClient Api { get; set; } = null!;

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>True for tests that only read: they use the fixture's shared assistant (logbooks imported).</summary>
    protected virtual bool ReadsOnly => false;

    public virtual async Task InitializeAsync()
    {
        if (!ReadsOnly)
        {
            await StartAssistantAsync();
            return;
        }
        Host = await fixture.SharedAssistantAsync();
        Api = Host.CreateClient();
    }

    private bool _ownsHost;

    protected async Task StartAssistantAsync(Microsoft.Extensions.AI.IChatClient? chatClient = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (Host is not null && _ownsHost) await Host.DisposeAsync();
        _ownsHost = true;
        Host = new AssistantHost(await fixture.CreateDatabaseAsync(), fixture.RedisConnectionString, fixture.Inference.Url, fixture.Embedder, chatClient, settings);
        Api = await Host.StartAsync();
    }

    /// <summary>A client of the assistant as Web calls it for <paramref name="person"/>: the service key and X-Hydra-User.</summary>
    protected HttpClient PersonClient(string person)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Add(Hydra.Core.Accounts.ServiceHeaders.User, Uri.EscapeDataString(person));
        return client;
    }

    /// <summary>Iolaus's logbook of run 16042 (JSON) and the history of earlier runs.</summary>
    protected async Task ImportEmulatedLogbooksAsync()
    {
        foreach (var file in new[] { "run-16042-logbook.json", "history-logbook.json" })
        {
            var result = await ImportAsync(await File.ReadAllTextAsync(DataFile(file)), "json");
            Assert.Empty(result.Errors);
        }
    }

    protected async Task<LogbookImportResult> ImportAsync(string content, string format)
    {
        using var response = await Api.PostAsync($"/api/v1/logbook/import?format={format}", new StringContent(content));
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<LogbookImportResult>(response.Content))!;
    }

    public virtual async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Host is not null && _ownsHost) await Host.DisposeAsync();
    }
}
