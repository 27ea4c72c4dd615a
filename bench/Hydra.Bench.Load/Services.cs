using System.Net.Http.Json;
using Hydra.Core.Accounts;
using Hydra.Core.Monitoring;
using Hydra.Testing;

namespace Hydra.Bench.Load;

/// <summary>
/// Hydra as four processes on this machine: PostgreSQL and redis-server (Debian's, started by the
/// AppHost's own scripts), Inference and Web from their build folders, configured through
/// environment variables as the AppHost and Kubernetes configure them. Inference runs as
/// Production (as deployed); Web as the AppHost runs it, Development from its build folder (its
/// static assets are served from there only in Development; PLATFORM.md). No Assistant, no
/// dashboard and no telemetry export: neither is on the path of an image.
/// </summary>
public sealed class Services : IAsyncDisposable
{
    public const string ServiceKey = "load-bench-service-key";

    /// <summary>Inference's JSON (events on Redis and API answers): camelCase, enums as names.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
    public const string AdminPassword = "load bench admin password";

    private readonly LocalServers _servers = new();
    private ServiceProcess? _inference;
    private ServiceProcess? _web;

    public ServiceProcess Inference => _inference!;
    public ServiceProcess Web => _web!;
    public string RedisConnectionString => _servers.RedisConnectionString;
    public int PostgresProcessId => _servers.PostgresProcessId ?? 0;
    public int RedisProcessId => _servers.RedisProcessId ?? 0;

    /// <summary>Inference's API as Web calls it for the Admin (ADR-011): to set up keys and models.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public async Task StartAsync()
    {
        await _servers.StartAsync();
        var database = await _servers.CreateDatabaseAsync();
        var root = RepositoryRoot();
        _inference = await ServiceProcess.StartAsync(BuildOutput(root, "Hydra.Inference"), new Dictionary<string, string?>
        {
            ["ConnectionStrings:monitoring-db"] = database,
            ["ConnectionStrings:redis"] = _servers.RedisConnectionString,
            ["Hydra:Auth:ServiceKey"] = ServiceKey,
            ["Hydra:Auth:AdminPassword"] = AdminPassword,
        }, timeout: TimeSpan.FromMinutes(2));
        _web = await ServiceProcess.StartAsync(BuildOutput(root, "Hydra.Web"), new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = _servers.RedisConnectionString,
            ["services:inference:http:0"] = _inference.BaseAddress.ToString(),
            // No Assistant runs: the chat panel says it cannot reach it if asked, nothing else calls it.
            ["services:assistant:http:0"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}",
            ["Hydra:Auth:ServiceKey"] = ServiceKey,
        }, environment: "Development", readyPath: "/alive", timeout: TimeSpan.FromMinutes(2));

        Admin = new HttpClient { BaseAddress = _inference.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        Admin.DefaultRequestHeaders.Add(ServiceHeaders.ServiceKey, ServiceKey);
        Admin.DefaultRequestHeaders.Add(ServiceHeaders.User, "admin");
        Admin.DefaultRequestHeaders.Add(ServiceHeaders.Roles, HydraRoles.Admin);
        // The seeder creates the first Admin right after the migrations.
        while (!(await Admin.GetAsync("/api/v1/accounts/admin")).IsSuccessStatusCode) await Task.Delay(200);
    }

    /// <summary>An ingest key per source, as an Admin hands them out (Accounts page).</summary>
    public async Task<string> CreateIngestKeyAsync(string name)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/ingest-keys", new IngestKeyRequest(name));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IngestKeyCreated>(Json))!.Key;
    }

    /// <summary>Imports and activates the benchmark's model for a plot type, as an expert does in the Library.</summary>
    public async Task InstallModelAsync(string plot, byte[] onnx)
    {
        using var form = new MultipartFormDataContent { { new StringContent("load bench"), "name" }, { new ByteArrayContent(onnx), "file", "model.onnx" } };
        using var imported = await Admin.PostAsync($"/api/v1/plot-types/{plot}/models", form);
        if (!imported.IsSuccessStatusCode) throw new InvalidOperationException($"model for {plot}: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
        var model = (await imported.Content.ReadFromJsonAsync<ModelView>(Json))!;
        using var activated = await Admin.PostAsync($"/api/v1/models/{model.ModelId}/activate", null);
        activated.EnsureSuccessStatusCode();
    }

    /// <summary>Where the build put a service: the same configuration as this benchmark (the project references build it first).</summary>
    private static string BuildOutput(string root, string project)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        return Path.Combine(root, project, "bin", configuration, "net10.0", $"{project}.dll");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hydra.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"no Hydra.sln above {AppContext.BaseDirectory}");
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        // Web first (it holds Inference's connections), then Inference, then the servers.
        if (_web is not null) await _web.DisposeAsync();
        if (_inference is not null) await _inference.DisposeAsync();
        await _servers.StopAsync();
    }
}
