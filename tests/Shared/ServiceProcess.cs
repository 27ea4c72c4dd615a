using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hydra.Testing;

/// <summary>
/// A Hydra service (a build output's <c>Hydra.X.dll</c>) as its own operating-system process on a
/// free port, configured the way Kubernetes and the AppHost configure it: environment variables.
/// Waits until <paramref name="readyPath"/> answers 2xx. A test can SIGKILL it (a lost node, the OOM
/// killer); a benchmark can read its CPU and memory from /proc. Linked into the Inference tests
/// (InferenceProcess), the Iolaus tests (FreePort) and the load benchmark.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <param name="assembly">The service's dll; its folder is the working directory (appsettings.json, models, static assets).</param>
    /// <param name="settings">Configuration keys (<c>Hydra:Auth:ServiceKey</c>), passed as <c>Hydra__Auth__ServiceKey</c>.</param>
    /// <param name="environment">ASPNETCORE_ENVIRONMENT.</param>
    public static async Task<ServiceProcess> StartAsync(string assembly, IReadOnlyDictionary<string, string?> settings,
        string environment = "Production", string readyPath = "/health", TimeSpan? timeout = null)
    {
        if (!File.Exists(assembly)) throw new FileNotFoundException($"{assembly} is not built", assembly);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {assembly}");
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => service.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => service.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var name = Path.GetFileNameWithoutExtension(assembly);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}: {service.Output}");
            try
            {
                using var response = await probe.GetAsync(readyPath);
                if (response.IsSuccessStatusCode) return service;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} never answered {readyPath}: {service.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The process's log so far (the last 40 lines), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return string.Join('\n', _output.TakeLast(40)); }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 2000) _output.RemoveRange(0, 1000); // a long benchmark's log must not grow without end
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
