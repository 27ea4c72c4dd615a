namespace Hydra.AppHost.Infrastructure;

internal static class HealthEndpoints
{
    public const string Health = "/health";
}

internal static class ProjectResourceExtensions
{
    /// <summary>
    /// Lets a service stop in about a second. By default the OTLP exporter retries for ~10 s on
    /// shutdown when the dashboard is already gone, which made stopping the AppHost take 13-15 s.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithQuickShutdown(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment(context =>
        {
            context.EnvironmentVariables.Remove("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY");
            context.EnvironmentVariables["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000";
        });
}
