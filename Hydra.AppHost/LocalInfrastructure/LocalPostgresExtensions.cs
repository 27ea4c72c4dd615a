using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hydra.AppHost.LocalInfrastructure;

/// <summary>
/// PostgreSQL as a local program, wired the way Aspire's AddPostgres wires its container: a
/// connection string, a real health check per server and per database, and databases created
/// when the server is ready (patterned on Aspire's PostgresBuilderExtensions).
/// </summary>
public static class LocalPostgresExtensions
{
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string folder)
    {
        var password = LocalDataFolder.EnsurePassword(folder);
        var passwordParameter = builder.AddParameter($"{name}-password", () => password, secret: true);
        var server = new LocalPostgresResource(name, folder, passwordParameter.Resource);
        var script = Path.Combine(builder.AppHostDirectory, "LocalInfrastructure", "postgres.sh");

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => (connectionString ?? throw new InvalidOperationException("the connection string is not available yet")) + ";Database=postgres",
            name: healthCheck);

        return builder.AddResource(server)
            // Proxyless: Aspire picks a free port and the server itself listens on it, so nothing
            // sits between Npgsql and PostgreSQL (a proxy would hide the server's own errors).
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(script);
                context.Args.Add(folder);
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest()
            .OnResourceReady(async (resource, ready, ct) =>
            {
                await CreateDatabasesAsync(builder, resource, connectionString!, ct);
                var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
                foreach (var database in DatabasesOf(builder, resource))
                {
                    // Aspire copies a parent's state to its children only for containers, so a
                    // database of a local server is marked Running here; its health check then starts.
                    await notifications.PublishUpdateAsync(database, state => state with
                    {
                        State = KnownResourceStates.Running,
                        StartTimeStamp = DateTime.UtcNow,
                    });
                }
            });
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(
        this IResourceBuilder<LocalPostgresResource> server, string name, string databaseName)
    {
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, databaseName, server.Resource);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString ?? throw new InvalidOperationException("the connection string is not available yet"),
            name: healthCheck);

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.database", databaseName)],
            })
            .WithIconName("DatabaseStack")
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest()
            .OnResourceStopped((resource, stopped, _) =>
                stopped.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(resource, state => state with
                {
                    State = KnownResourceStates.Exited,
                    StopTimeStamp = DateTime.UtcNow,
                }));
    }

    private static IEnumerable<LocalPostgresDatabaseResource> DatabasesOf(IDistributedApplicationBuilder builder, LocalPostgresResource server) =>
        builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server);

    private static async Task CreateDatabasesAsync(IDistributedApplicationBuilder builder, LocalPostgresResource server, string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres");
        await connection.OpenAsync(ct);
        foreach (var database in DatabasesOf(builder, server))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(database.DatabaseName)}";
            try
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Kept from an earlier run: the data folder persists on purpose.
            }
        }
    }
}
