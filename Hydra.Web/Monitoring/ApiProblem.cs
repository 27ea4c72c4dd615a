using System.Net;
using System.Text.Json;

namespace Hydra.Web.Monitoring;

/// <summary>
/// The sentence a page shows when Inference or the Assistant answers an error. Both answer RFC 7807
/// problems whose <c>detail</c> says what went wrong. A problem ASP.NET wrote itself may carry only
/// validation <c>errors</c> or a <c>title</c>, which are still better than a status code; 401 and
/// 403 often come without a body, so they get a sentence of their own that tells the person what it means.
/// </summary>
public static class ApiProblem
{
    public static async Task<string> ReadAsync(HttpResponseMessage response, string service, CancellationToken ct)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (problem.RootElement.ValueKind == JsonValueKind.Object && Sentence(problem.RootElement, response) is { } sentence) return sentence;
        }
        catch (JsonException) { }
        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden => $"not allowed: your account's roles do not permit this ({service} answered 403 Forbidden)",
            HttpStatusCode.Unauthorized => $"{service} did not accept Web's service key (401 Unauthorized): the services' inference-service-key differs",
            _ => $"{service} answered {(int)response.StatusCode} {response.ReasonPhrase}",
        };
    }

    private static string? Sentence(JsonElement problem, HttpResponseMessage response)
    {
        if (Text(problem, "detail") is { } detail) return detail;
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            var messages = errors.EnumerateObject()
                .SelectMany(field => field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => $"{field.Name}: {m.GetString()}")
                    : [])
                .ToList();
            if (messages.Count > 0) return string.Join("; ", messages);
        }
        // A title that only repeats the status ("Bad Request") says nothing the status fallback does not.
        return Text(problem, "title") is { } title && !string.Equals(title, response.ReasonPhrase, StringComparison.OrdinalIgnoreCase) ? title : null;
    }

    private static string? Text(JsonElement problem, string property) =>
        problem.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
