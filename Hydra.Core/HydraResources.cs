namespace Hydra.Core;

/// <summary>
/// The names of Hydra's resources. The AppHost declares them, the services look up their
/// connection strings and service-discovery addresses by them, and the tests wait for them:
/// one place, so a rename cannot leave half the system talking to a name that no longer exists.
/// </summary>
public static class HydraResources
{
    public const string Postgres = "postgres";
    public const string Redis = "redis";

    // Aspire resource names are unique across the app, and "assistant" is the service, so the
    // database resources carry a suffix; the PostgreSQL databases themselves are named plainly.
    public const string MonitoringDatabase = "monitoring-db";
    public const string AssistantDatabase = "assistant-db";
    public const string MonitoringDatabaseName = "monitoring";
    public const string AssistantDatabaseName = "assistant";

    public const string Inference = "inference";
    public const string Assistant = "assistant";
    public const string Web = "web";

    /// <summary>The emulated experiment streaming a demo run (on unless Hydra:Demo:Enabled=false).</summary>
    public const string Iolaus = "iolaus";

    /// <summary>The services whose health the Web status page reports, in display order.</summary>
    public static readonly IReadOnlyList<string> Services = [Inference, Assistant, Web];
}
