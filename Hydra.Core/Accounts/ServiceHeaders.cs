namespace Hydra.Core.Accounts;

/// <summary>
/// How one Hydra service calls Inference on behalf of a person (ADR-011): the shared service key
/// proves the caller is Web (or the Assistant); the person's name, roles and label scopes travel
/// beside it and are believed only together with a valid key. Values are URL-escaped: a header
/// carries ASCII only, a name need not.
/// </summary>
public static class ServiceHeaders
{
    public const string ServiceKey = "X-Hydra-Service-Key";
    public const string User = "X-Hydra-User";
    public const string Roles = "X-Hydra-Roles";
    public const string LabelScopes = "X-Hydra-Label-Scopes";

    /// <summary>An ingest source's API key (POST /api/v1/images and the source's other writes).</summary>
    public const string ApiKey = "X-Api-Key";

    /// <summary>The environment variable Iolaus and other sources read their API key from.</summary>
    public const string ApiKeyVariable = "HYDRA_API_KEY";
}
