using Hydra.Testing;

namespace Hydra.Inference.Tests;

/// <summary>
/// One Inference replica as its own operating-system process (the build output's
/// Hydra.Inference.dll, <see cref="ServiceProcess"/>), so a test can kill it with SIGKILL the way the
/// OOM killer or a lost node does: no graceful shutdown, no <c>finally</c>, connections cut
/// mid-transaction. An in-process <see cref="InferenceHost"/> can only be disposed, which stops its
/// workers politely.
/// </summary>
public sealed class InferenceProcess : IAsyncDisposable
{
    private readonly ServiceProcess _service;

    private InferenceProcess(ServiceProcess service)
    {
        _service = service;
        Client = new HttpClient { BaseAddress = service.BaseAddress }.AsAdmin(); // as Web calls it (ADR-011)
    }

    public HttpClient Client { get; }
    public int ProcessId => _service.ProcessId;
    public bool HasExited => _service.HasExited;

    public static async Task<InferenceProcess> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        new(await ServiceProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "Hydra.Inference.dll"), settings));

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public Task KillAsync() => _service.KillAsync();

    /// <summary>The process's log so far, for failure messages.</summary>
    public string Output => _service.Output;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _service.DisposeAsync();
    }
}
