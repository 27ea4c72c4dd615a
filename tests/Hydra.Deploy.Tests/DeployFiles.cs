using System.Xml.Linq;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Hydra.Deploy.Tests;

/// <summary>The repository's deployment files, read the way kubectl and the SDK read them.</summary>
public static class DeployFiles
{
    public static readonly string Root = Hydra.Testing.Repository.Root;
    public static readonly string KubernetesFolder = Path.Combine(Root, "deploy", "kubernetes");

    /// <summary>The services deployed as containers: the Kubernetes name and the project that builds the image.</summary>
    public static readonly IReadOnlyList<(string Name, string Project)> Services =
        [("inference", "Hydra.Inference"), ("assistant", "Hydra.Assistant"), ("web", "Hydra.Web")];

    /// <summary>
    /// Every document of every manifest, as typed Kubernetes objects. Strict: a misspelt field
    /// (<c>readinesProbe</c>) or a wrong type fails here instead of being silently dropped by the server.
    /// </summary>
    public static IReadOnlyList<(string File, IKubernetesObject Resource)> Manifests() =>
        [.. Directory.EnumerateFiles(KubernetesFolder, "*.yaml").Order()
            .Where(file => Path.GetFileName(file) != "kustomization.yaml")
            .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file), strict: true)
                .Select(resource => (Path.GetFileName(file), (IKubernetesObject)resource)))];

    public static IEnumerable<T> All<T>() => Manifests().Select(m => m.Resource).OfType<T>();

    public static V1Deployment Deployment(string name) => Assert.Single(All<V1Deployment>(), d => d.Metadata.Name == name);

    public static YamlMappingNode Kustomization()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(KubernetesFolder, "kustomization.yaml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>A property of a service's csproj (the container settings are plain properties there).</summary>
    public static string? ProjectProperty(string project, string property) =>
        XDocument.Load(Path.Combine(Root, project, project + ".csproj"))
            .Descendants(property).Select(e => e.Value.Trim()).FirstOrDefault();

    public static IReadOnlyList<int> ProjectContainerPorts(string project) =>
        [.. XDocument.Load(Path.Combine(Root, project, project + ".csproj"))
            .Descendants("ContainerPort").Select(e => int.Parse(e.Attribute("Include")!.Value))];
}
