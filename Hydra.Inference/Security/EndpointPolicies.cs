using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Hydra.Inference.Security;

/// <summary>
/// The API's writes and the policy each needs, in one table a reviewer can read top to bottom.
/// Reads fall to the fallback policy (Web and the Assistant); a write not in the table needs an
/// Admin, so a new endpoint is closed until someone decides who may call it.
/// </summary>
public static class EndpointPolicies
{
    private static readonly Dictionary<string, string> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        // What a monitoring source sends (Iolaus, mon12): images, layouts, run conditions.
        ["POST /api/v1/images"] = InferencePolicies.Ingest,
        ["PUT /api/v1/plot-types/{name}/layout"] = InferencePolicies.Ingest,
        ["PUT /api/v1/runs/{runNumber:int}/conditions"] = InferencePolicies.Ingest,
        ["POST /api/v1/runs/{runNumber:int}/end"] = InferencePolicies.Ingest,
        ["GET /api/v1/runs"] = InferencePolicies.ReadOrIngest,

        // Labels: the plot types a person may label are checked by the endpoint itself.
        ["POST /api/v1/labels"] = InferencePolicies.Label,

        // Models, thresholds and training: experts only.
        ["POST /api/v1/plot-types/{name}/models"] = InferencePolicies.Expert,
        ["POST /api/v1/models/{id:guid}/activate"] = InferencePolicies.Expert,
        ["POST /api/v1/plot-types/{name}/models/rollback"] = InferencePolicies.Expert,
        ["POST /api/v1/models/{id:guid}/evaluate"] = InferencePolicies.Expert,
        ["PUT /api/v1/models/{id:guid}/thresholds/{classification}"] = InferencePolicies.Expert,
        ["POST /api/v1/plot-types/{name}/models/train"] = InferencePolicies.Expert,
        ["POST /api/v1/training-jobs/{id:long}/cancel"] = InferencePolicies.Expert,
        // The Good image a plot type's verdicts are compared with (reference similarity).
        ["PUT /api/v1/plot-types/{name}/reference"] = InferencePolicies.Expert,
        ["DELETE /api/v1/plot-types/{name}/reference"] = InferencePolicies.Expert,

        ["POST /api/v1/news"] = InferencePolicies.News,
        ["DELETE /api/v1/news/{id:long}"] = InferencePolicies.News,

        // Accounts and keys: Web checks a password before anyone is signed in; the rest is the Admin's.
        ["POST /api/v1/accounts/password-check"] = InferencePolicies.Service,
        ["GET /api/v1/accounts"] = InferencePolicies.Admin,
        ["GET /api/v1/accounts/{userName}"] = InferencePolicies.Service,
        ["GET /api/v1/ingest-keys"] = InferencePolicies.Admin,
    };

    /// <summary>The policy for a route, or null for a read left to the fallback policy.</summary>
    public static string? PolicyFor(string method, string pattern)
    {
        var key = $"{method} {Normalize(pattern)}";
        if (Table.TryGetValue(key, out var policy)) return policy;
        return method is "GET" or "HEAD" ? null : InferencePolicies.Admin;
    }

    /// <summary>Adds the table's policy to every endpoint of the group (a convention: runs as endpoints are built).</summary>
    public static RouteGroupBuilder RequirePoliciesFromTable(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route) return;
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? ["GET"];
            var policies = methods.Select(method => PolicyFor(method, route.RoutePattern.RawText ?? "")).Distinct().ToList();
            // An endpoint answering several methods gets the strictest: none of ours does today.
            var policy = policies.Contains(InferencePolicies.Admin) ? InferencePolicies.Admin : policies.FirstOrDefault(p => p is not null);
            if (policy is not null) endpoint.Metadata.Add(new AuthorizeAttribute(policy));
        });
        return api;
    }

    private static string Normalize(string pattern) => "/" + pattern.Trim('/');
}
