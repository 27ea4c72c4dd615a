namespace Hydra.AppHost.LocalInfrastructure;

/// <summary>
/// PostgreSQL from the machine's packages, run by <c>postgres.sh</c> as a child process of the
/// AppHost. Its connection string has the same shape as Aspire's container resource, so services
/// cannot tell the difference.
/// </summary>
public sealed class LocalPostgresResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);
    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");
}

/// <summary>A database inside a <see cref="LocalPostgresResource"/>, created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;
    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
