using Microsoft.Extensions.DependencyInjection;

namespace Hydra.AppHost.LocalInfrastructure;

/// <summary>redis-server as a local program, with the health check Aspire's AddRedis registers.</summary>
public static class LocalRedisExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, string folder)
    {
        var password = LocalDataFolder.EnsurePassword(folder);
        var passwordParameter = builder.AddParameter($"{name}-password", () => password, secret: true);
        var redis = new LocalRedisResource(name, folder, passwordParameter.Resource);
        var script = Path.Combine(builder.AppHostDirectory, "LocalInfrastructure", "redis.sh");

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, ct) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("the connection string is not available yet"),
            name: healthCheck);

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(script);
                context.Args.Add(folder);
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest();
    }
}
