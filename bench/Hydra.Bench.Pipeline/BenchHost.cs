using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hydra.Bench.Pipeline;

/// <summary>
/// Inference in-process (HTTP through the test server: the pipeline's cost, not the network's). Any type of
/// Hydra.Inference names its assembly; its own Program would clash with this benchmark's.
/// </summary>
public sealed class BenchHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Hydra.Inference.HydraOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
