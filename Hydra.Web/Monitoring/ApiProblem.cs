using System.Net;
using System.Text.Json;

namespace Hydra.Web.Monitoring;

/// <summary>
/// The sentence a page shows when Inference or the Assistant answers an error. Both answer RFC 7807
/// problems whose <c>detail</c> says what went wrong; 401 and 403 often come without a body, so they
/// get a sentence of their own that tells the person what it means.
/// </summary>
public static class ApiProblem
{
    public static async Task<string> ReadAsync(HttpResponseMessage response, string service, CancellationToken ct)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var detail)
                && detail.ValueKind == JsonValueKind.String && detail.GetString() is { Length: > 0 } text) return text;
        }
        catch (JsonException) { }
        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden => $"not allowed: your account's roles do not permit this ({service} answered 403 Forbidden)",
            HttpStatusCode.Unauthorized => $"{service} did not accept Web's service key (401 Unauthorized): the services' inference-service-key differs",
            _ => $"{service} answered {(int)response.StatusCode} {response.ReasonPhrase}",
        };
    }
}
