namespace Hydra.Inference.Accounts;

/// <summary>
/// The <c>Hydra:Auth</c> section: the first admin and configured ingest keys. The service key
/// (<c>Hydra:Auth:ServiceKey</c>) is read by <see cref="Hydra.Shared.ServiceKeyAuthentication"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Hydra:Auth";

    /// <summary>The first Admin, created when no account of that name exists (the AppHost's secret parameter).</summary>
    public string AdminUserName { get; set; } = "admin";
    public string? AdminPassword { get; set; }

    /// <summary>
    /// Ingest keys by name, e.g. the AppHost's demo stream. Stored hashed like any other key; a key an
    /// Admin revoked stays revoked even if the configuration still names it.
    /// </summary>
    public Dictionary<string, string> IngestKeys { get; set; } = [];
}
