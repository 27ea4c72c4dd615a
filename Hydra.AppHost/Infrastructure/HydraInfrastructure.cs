using Hydra.AppHost.LocalInfrastructure;
using Hydra.Core;
using Microsoft.Extensions.Configuration;

namespace Hydra.AppHost.Infrastructure;

/// <summary>The stateful resources every service depends on, however they are run.</summary>
/// <param name="DataFolder">Hydra's folder on this machine: the local servers' data and the inbox.</param>
public sealed record HydraInfrastructure(
    InfrastructureMode Mode,
    string DataFolder,
    IResourceBuilder<IResourceWithConnectionString> MonitoringDatabase,
    IResourceBuilder<IResourceWithConnectionString> AssistantDatabase,
    IResourceBuilder<IResourceWithConnectionString> Redis);

public static class HydraInfrastructureExtensions
{
    public const string ModeKey = "Hydra:Infrastructure";
    public const string DataPathKey = "Hydra:DataPath";

    public static HydraInfrastructure AddHydraInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = InfrastructureModeResolver.Resolve(builder.Configuration[ModeKey], InfrastructureModeResolver.DockerEngineAnswers);
        return mode == InfrastructureMode.Containers ? AddContainers(builder) : AddLocal(builder);
    }

    private static HydraInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        // Data volumes keep runs, labels and models between `dotnet run`s, like the local folder does.
        var postgres = builder.AddPostgres(HydraResources.Postgres).WithDataVolume("hydra-postgres");
        var redis = builder.AddRedis(HydraResources.Redis).WithDataVolume("hydra-redis");
        return new HydraInfrastructure(
            InfrastructureMode.Containers,
            LocalDataFolder.Resolve(builder.Configuration[DataPathKey]),
            postgres.AddDatabase(HydraResources.MonitoringDatabase, HydraResources.MonitoringDatabaseName),
            postgres.AddDatabase(HydraResources.AssistantDatabase, HydraResources.AssistantDatabaseName),
            redis);
    }

    private static HydraInfrastructure AddLocal(IDistributedApplicationBuilder builder)
    {
        var dataFolder = LocalDataFolder.Resolve(builder.Configuration[DataPathKey]);
        var postgres = builder.AddLocalPostgres(HydraResources.Postgres, Path.Combine(dataFolder, "postgres"));
        var redis = builder.AddLocalRedis(HydraResources.Redis, Path.Combine(dataFolder, "redis"));
        return new HydraInfrastructure(
            InfrastructureMode.Local,
            dataFolder,
            postgres.AddLocalDatabase(HydraResources.MonitoringDatabase, HydraResources.MonitoringDatabaseName),
            postgres.AddLocalDatabase(HydraResources.AssistantDatabase, HydraResources.AssistantDatabaseName),
            redis);
    }
}
