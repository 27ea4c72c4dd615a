using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using YamlDotNet.RepresentationModel;

namespace Hydra.Deploy.Tests;

/// <summary>
/// deploy/kubernetes against the code it deploys: every document parses as a Kubernetes object,
/// images are the ones the csproj files build, probes use the health paths ServiceDefaults maps,
/// connection strings come from the Secret, Inference scales out.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string, string> Services()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, project) in DeployFiles.Services) data.Add(name, project);
        return data;
    }

    [Fact]
    public void Every_document_is_a_known_Kubernetes_object_with_no_unknown_fields()
    {
        var manifests = DeployFiles.Manifests();
        Assert.All(manifests, m => Assert.False(string.IsNullOrEmpty(m.Resource.Kind), $"{m.File}: a document without kind"));
        Assert.Equal(3, manifests.Count(m => m.Resource is V1Deployment));
        Assert.Equal(3, manifests.Count(m => m.Resource is V1Service));
        Assert.Single(manifests, m => m.Resource is V1Secret);
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_but_the_example_secret()
    {
        var listed = ((YamlSequenceNode)DeployFiles.Kustomization()["resources"]).Select(n => n.ToString()).ToList();
        foreach (var file in listed) Assert.True(File.Exists(Path.Combine(DeployFiles.KubernetesFolder, file)), $"{file} is listed but missing");
        var expected = Directory.EnumerateFiles(DeployFiles.KubernetesFolder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f is not "kustomization.yaml" and not "secret.example.yaml");
        Assert.Equal(expected.Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_runs_the_image_and_port_its_csproj_builds(string name, string project)
    {
        var repository = DeployFiles.ProjectProperty(project, "ContainerRepository");
        Assert.False(string.IsNullOrEmpty(repository), $"{project}.csproj has no ContainerRepository");
        var container = Assert.Single(DeployFiles.Deployment(name).Spec.Template.Spec.Containers);
        Assert.Equal(repository, container.Image);
        // The kustomization's images: entry renames exactly that image to the registry's.
        var images = ((YamlSequenceNode)DeployFiles.Kustomization()["images"]).Cast<YamlMappingNode>();
        Assert.Single(images, i => i["name"].ToString() == repository);
        Assert.Equal(DeployFiles.ProjectContainerPorts(project), container.Ports.Select(p => p.ContainerPort));
        Assert.Equal("app", DeployFiles.ProjectProperty(project, "ContainerUser"));
        Assert.True(DeployFiles.Deployment(name).Spec.Template.Spec.SecurityContext.RunAsNonRoot);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Probes_ask_the_health_paths_ServiceDefaults_maps_on_a_declared_port(string name, string project)
    {
        _ = project;
        var container = Assert.Single(DeployFiles.Deployment(name).Spec.Template.Spec.Containers);
        Assert.Equal(ServiceDefaultsExtensions.ReadyPath, container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(ServiceDefaultsExtensions.AlivePath, container.LivenessProbe.HttpGet.Path);
        Assert.Equal(ServiceDefaultsExtensions.AlivePath, container.StartupProbe.HttpGet.Path);
        var ports = container.Ports.Select(p => p.Name).ToHashSet();
        foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe })
        {
            Assert.Contains(probe.HttpGet.Port.Value, ports);
        }
        // Probes give a check time to answer (a database that is away answers in ~2 s, ADR-012).
        Assert.True(container.ReadinessProbe.TimeoutSeconds >= 3);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_has_cpu_and_memory_requests_within_its_limits(string name, string project)
    {
        _ = project;
        var resources = Assert.Single(DeployFiles.Deployment(name).Spec.Template.Spec.Containers).Resources;
        foreach (var kind in new[] { "cpu", "memory" })
        {
            Assert.True(resources.Requests.ContainsKey(kind), $"{name}: no {kind} request");
            Assert.True(resources.Limits.ContainsKey(kind), $"{name}: no {kind} limit");
            Assert.True(resources.Requests[kind].ToDecimal() <= resources.Limits[kind].ToDecimal(), $"{name}: {kind} request above its limit");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Connection_strings_come_from_the_secret_and_nothing_secret_is_inline(string name, string project)
    {
        _ = project;
        var secret = Assert.Single(DeployFiles.All<V1Secret>());
        var env = Assert.Single(DeployFiles.Deployment(name).Spec.Template.Spec.Containers).Env;
        var connections = env.Where(e => e.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(connections);
        foreach (var variable in connections)
        {
            Assert.Null(variable.Value);
            var reference = variable.ValueFrom.SecretKeyRef;
            Assert.Equal(secret.Metadata.Name, reference.Name);
            Assert.Contains(reference.Key, secret.StringData.Keys);
        }
        Assert.DoesNotContain(env, e => e.Value is { } value && value.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Without the shared service key Web cannot speak for anyone and the Assistant cannot read (ADR-011).</summary>
    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_gets_the_service_key_from_the_secret(string name, string project)
    {
        _ = project;
        var secret = Assert.Single(DeployFiles.All<V1Secret>());
        var env = Assert.Single(DeployFiles.Deployment(name).Spec.Template.Spec.Containers).Env;
        var key = Assert.Single(env, e => e.Name == "Hydra__Auth__ServiceKey").ValueFrom.SecretKeyRef;
        Assert.Equal((secret.Metadata.Name, true), (key.Name, secret.StringData.ContainsKey(key.Key)));
        if (name == "inference") Assert.Contains(env, e => e.Name == "Hydra__Auth__AdminPassword" && e.ValueFrom?.SecretKeyRef is not null);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_is_reached_on_port_80_by_its_name(string name, string project)
    {
        _ = project;
        var deployment = DeployFiles.Deployment(name);
        var service = Assert.Single(DeployFiles.All<V1Service>(), s => s.Metadata.Name == name);
        foreach (var (key, value) in service.Spec.Selector) Assert.Equal(value, deployment.Spec.Template.Metadata.Labels[key]);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(80, port.Port); // http://inference, http://assistant: service discovery's default port
        Assert.Contains(port.TargetPort.Value, Assert.Single(deployment.Spec.Template.Spec.Containers).Ports.Select(p => p.Name));
    }

    [Fact]
    public void Inference_runs_at_least_two_replicas_and_keeps_one_through_a_disruption()
    {
        var inference = DeployFiles.Deployment("inference");
        Assert.True(inference.Spec.Replicas >= 2);
        Assert.Equal(0, int.Parse(inference.Spec.Strategy.RollingUpdate.MaxUnavailable.Value));
        var budget = Assert.Single(DeployFiles.All<V1PodDisruptionBudget>());
        Assert.Equal(1, int.Parse(budget.Spec.MinAvailable.Value));
        foreach (var (key, value) in budget.Spec.Selector.MatchLabels) Assert.Equal(value, inference.Spec.Template.Metadata.Labels[key]);
    }
}
