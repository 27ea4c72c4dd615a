using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hydra.Inference.Tests;

/// <summary>
/// One Inference replica as its own operating-system process (the build output's
/// Hydra.Inference.dll), so a test can kill it with SIGKILL the way the OOM killer or a lost node
/// does: no graceful shutdown, no <c>finally</c>, connections cut mid-transaction. An in-process
/// <see cref="InferenceHost"/> can only be disposed, which stops its workers politely.
/// </summary>
public sealed class InferenceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private InferenceProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public static async Task<InferenceProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Hydra.Inference.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Configuration keys as environment variables, the way Kubernetes and the AppHost pass them.
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Hydra.Inference");
        var replica = new InferenceProcess(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") }.AsAdmin()); // as Web calls it (ADR-011)
        process.OutputDataReceived += (_, e) => replica.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => replica.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Hydra.Inference exited with {process.ExitCode}: {replica.Output}");
            try
            {
                if ((await replica.Client.GetAsync("/health")).IsSuccessStatusCode) return replica;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Hydra.Inference never became healthy: {replica.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The process's log so far, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return string.Join('\n', _output.TakeLast(40)); }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
