using System.Net.Http.Json;
using System.Text.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;
using Npgsql;

using Hydra.Testing;

namespace Hydra.Inference.Tests;

/// <summary>
/// A fresh database, an empty Redis and a running Inference replica for each test. Settings are
/// short (poll fast, claim after 2 s) so the tests run in seconds.
/// </summary>
public abstract class PipelineTestBase(LocalServers servers) : IAsyncLifetime
{
    private readonly List<InferenceHost> _hosts = [];
    private readonly List<HttpClient> _clients = [];
    protected LocalServers Servers { get; } = servers;
    protected string DatabaseConnectionString { get; private set; } = "";
    protected HttpClient Api { get; private set; } = null!;
    protected InferenceHost Host { get; private set; } = null!;

    /// <summary>Per-test settings on top of the defaults below.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings) { }

    /// <summary>What a test needs in place before its first replica starts (its database exists by then).</summary>
    protected virtual Task BeforeFirstReplicaAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        await Servers.FlushRedisAsync();
        DatabaseConnectionString = await Servers.CreateDatabaseAsync();
        await BeforeFirstReplicaAsync();
        (Host, Api) = await StartReplicaAsync();
    }

    protected async Task<(InferenceHost Host, HttpClient Client)> StartReplicaAsync(Action<IDictionary<string, string?>>? adjust = null)
    {
        var host = new InferenceHost(ReplicaSettings(adjust));
        _hosts.Add(host);
        return (host, await host.StartAsync());
    }

    /// <summary>A replica's settings: the test defaults, then the class's, then this replica's own.</summary>
    protected Dictionary<string, string?> ReplicaSettings(Action<IDictionary<string, string?>>? adjust = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:monitoring-db"] = DatabaseConnectionString,
            ["ConnectionStrings:redis"] = Servers.RedisConnectionString,
            ["Hydra:Classifier:ClaimAfter"] = "00:00:02",
            ["Hydra:Classifier:BacklogSweepInterval"] = "00:00:01",
            ["Hydra:Watchdog:CheckInterval"] = "00:00:01",
            ["Hydra:Watchdog:Silence"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Hydra:DefaultModels:Enabled"] = "false", // tests choose their models
            ["Hydra:Auth:ServiceKey"] = TestCallers.ServiceKey,
        };
        Configure(settings);
        adjust?.Invoke(settings);
        return settings;
    }

    /// <summary>A client acting as a named Admin: labels and activations record who gave them (the signed-in person).</summary>
    protected HttpClient ActingAs(string person)
    {
        var client = Host.CreateClient().As(person, Hydra.Core.Accounts.HydraRoles.Admin);
        _clients.Add(client);
        return client;
    }

    protected static MultipartFormDataContent Upload(byte[] png, int run, string? plot, int? chunk, double? beam = null, string fileName = "image.png")
    {
        var form = new MultipartFormDataContent { { new StringContent(run.ToString()), "run" } };
        if (plot is not null) form.Add(new StringContent(plot), "plot");
        if (chunk is not null) form.Add(new StringContent(chunk.Value.ToString()), "chunk");
        if (beam is not null) form.Add(new StringContent(beam.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "beam");
        form.Add(new ByteArrayContent(png), "file", fileName);
        return form;
    }

    protected async Task<ImageAccepted> PostImageAsync(byte[] png, int run, string plot, int chunk, double? beam = null, HttpClient? client = null)
    {
        var response = await (client ?? Api).PostAsync("/api/v1/images", Upload(png, run, plot, chunk, beam));
        Assert.True(response.IsSuccessStatusCode, $"upload refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ImageAccepted>(HydraJson.Options))!;
    }

    protected async Task<VerdictView> WaitForVerdictAsync(long imageId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await Api.GetAsync($"/api/v1/images/{imageId}");
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<VerdictView>(HydraJson.Options))!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"image {imageId} got no verdict: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
    }

    protected async Task<T> GetAsync<T>(string path) =>
        (await Api.GetFromJsonAsync<T>(path, HydraJson.Options))!;

    protected async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    protected static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, HydraJson.Options)!;

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var host in _hosts) await host.DisposeAsync();
        // Each test has its own database, so its own connection pool: close them, or fifty tests
        // hold more idle connections than PostgreSQL's default hundred.
        NpgsqlConnection.ClearAllPools();
    }
}
