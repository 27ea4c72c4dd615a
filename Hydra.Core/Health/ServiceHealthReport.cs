namespace Hydra.Core.Health;

/// <summary>
/// What a service's <c>/health</c> endpoint answers: the overall status and every check with its
/// reason, so a person can read *why* a service is unhealthy without opening its logs.
/// </summary>
public sealed record ServiceHealthReport(string Status, TimeSpan Duration, IReadOnlyList<HealthCheckEntry> Checks)
{
    public bool IsHealthy => Status == HealthStatusNames.Healthy;
}

public sealed record HealthCheckEntry(string Name, string Status, string? Description, TimeSpan Duration);

/// <summary>The status words of ASP.NET Core's HealthStatus, without depending on ASP.NET Core.</summary>
public static class HealthStatusNames
{
    public const string Healthy = "Healthy";
    public const string Degraded = "Degraded";
    public const string Unhealthy = "Unhealthy";
}
