namespace Hydra.Inference.Accounts;

/// <summary>The <c>Hydra:Auth</c> section: the service key, the first admin and configured ingest keys.</summary>
public sealed class AuthOptions
{
    public const string Section = "Hydra:Auth";

    /// <summary>
    /// The key Web and the Assistant present (ADR-011). No key configured: no service can call,
    /// the API answers 401 to everything but health; deny by default, never open by default.
    /// </summary>
    public string? ServiceKey { get; set; }

    /// <summary>The first Admin, created when no account of that name exists (the AppHost's secret parameter).</summary>
    public string AdminUserName { get; set; } = "admin";
    public string? AdminPassword { get; set; }

    /// <summary>
    /// Ingest keys by name, e.g. the AppHost's demo stream. Stored hashed like any other key; a key an
    /// Admin revoked stays revoked even if the configuration still names it.
    /// </summary>
    public Dictionary<string, string> IngestKeys { get; set; } = [];
}
