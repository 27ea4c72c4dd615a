using System.Net;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Hydra.Deploy.Tests;

/// <summary>
/// The probe paths in deploy/kubernetes answer in Production, not only in Development: a minimal
/// app with exactly the services' defaults (AddServiceDefaults + MapDefaultEndpoints) on Kestrel.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Every_probe_path_in_the_manifests_answers_200_in_Production()
    {
        var paths = DeployFiles.All<V1Deployment>()
            .SelectMany(d => d.Spec.Template.Spec.Containers)
            .SelectMany(c => new[] { c.ReadinessProbe, c.LivenessProbe, c.StartupProbe })
            .Select(p => p.HttpGet.Path).Distinct().ToList();
        Assert.NotEmpty(paths);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/healthz")).StatusCode); // the app really routes
        await app.StopAsync();
    }
}
