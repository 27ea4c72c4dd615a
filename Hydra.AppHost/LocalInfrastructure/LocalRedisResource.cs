namespace Hydra.AppHost.LocalInfrastructure;

/// <summary>redis-server from the machine's packages, run by <c>redis.sh</c> as a child process of the AppHost.</summary>
public sealed class LocalRedisResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);
    public ParameterResource Password { get; } = password;

    // The shape Aspire's RedisResource gives: "host:port,password=...".
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={Password}");
}
