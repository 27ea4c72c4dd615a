using System.Text.Json;

namespace Hydra.Deploy.Tests;

/// <summary>
/// deploy/aspire/manifest.json (eng/publish-manifest.sh) still describes the services Kubernetes
/// runs, with the connection strings each one reads, and carries no path of the machine it was made on.
/// </summary>
public sealed class AspireManifestTests
{
    private static readonly JsonElement Resources =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(DeployFiles.Root, "deploy", "aspire", "manifest.json"))).RootElement.GetProperty("resources");

    [Theory]
    [InlineData("inference", "Hydra.Inference", new[] { "monitoring-db", "redis" })]
    [InlineData("assistant", "Hydra.Assistant", new[] { "assistant-db", "redis" })]
    [InlineData("web", "Hydra.Web", new[] { "redis" })]
    public void Each_service_is_a_project_with_the_connections_the_Kubernetes_YAML_gives_it(string name, string project, string[] connections)
    {
        var resource = Resources.GetProperty(name);
        Assert.Equal("project.v0", resource.GetProperty("type").GetString());
        Assert.Equal($"../../{project}/{project}.csproj", resource.GetProperty("path").GetString());
        var manifestConnections = resource.GetProperty("env").EnumerateObject()
            .Select(e => e.Name).Where(n => n.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .Select(n => n["ConnectionStrings__".Length..])
            .Where(n => !n.Contains('_')).Order(); // Aspire adds a monitoring_db alias beside monitoring-db
        Assert.Equal(connections.Order(), manifestConnections);

        var yamlConnections = Assert.Single(DeployFiles.Deployment(name).Spec.Template.Spec.Containers).Env
            .Where(e => e.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Select(e => e.Name["ConnectionStrings__".Length..]).Order();
        Assert.Equal(connections.Order(), yamlConnections);
    }

    [Fact]
    public void No_path_of_the_generating_machine_is_in_the_manifest()
    {
        var text = File.ReadAllText(Path.Combine(DeployFiles.Root, "deploy", "aspire", "manifest.json"));
        Assert.DoesNotContain("/var/lib/hydra", text);
        Assert.DoesNotContain(DeployFiles.Root, text);
        Assert.DoesNotContain("\"executable.v0\"", text); // local-mode programs, not deployable resources
    }
}
