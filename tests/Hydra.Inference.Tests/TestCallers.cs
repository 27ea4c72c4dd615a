using Hydra.Core.Accounts;

namespace Hydra.Inference.Tests;

/// <summary>
/// How the tests call Inference: as Web would (the service key and a forwarded person), or as an
/// ingest source. Most tests act as an Admin so they exercise the pipeline, not the permissions.
/// </summary>
public static class TestCallers
{
    public const string ServiceKey = "test-service-key-0123456789";

    public static HttpClient As(this HttpClient client, string? user, params string[] roles) => client.As(user, roles, []);

    public static HttpClient As(this HttpClient client, string? user, string[] roles, string[] labelScopes)
    {
        var headers = client.DefaultRequestHeaders;
        foreach (var name in new[] { ServiceHeaders.ServiceKey, ServiceHeaders.User, ServiceHeaders.Roles, ServiceHeaders.LabelScopes, ServiceHeaders.ApiKey }) headers.Remove(name);
        headers.Add(ServiceHeaders.ServiceKey, ServiceKey);
        if (user is null) return client;
        headers.Add(ServiceHeaders.User, Uri.EscapeDataString(user));
        headers.Add(ServiceHeaders.Roles, HydraRoles.Comma(roles));
        headers.Add(ServiceHeaders.LabelScopes, Uri.EscapeDataString(string.Join(',', labelScopes)));
        return client;
    }

    public static HttpClient AsAdmin(this HttpClient client) => client.As("tests", HydraRoles.Admin);

    public static HttpClient WithApiKey(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Remove(ServiceHeaders.ApiKey);
        client.DefaultRequestHeaders.Add(ServiceHeaders.ApiKey, key);
        return client;
    }
}
