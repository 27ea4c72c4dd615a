using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hydra.Core;
using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>
/// Web's view of Inference's API (service discovery: <c>http://inference</c>). Pages never throw on
/// a missing service: a failed call returns null and the page says it cannot reach Inference.
/// </summary>
public sealed class InferenceApi(HttpClient http, ILogger<InferenceApi> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    public static readonly Uri BaseAddress = new($"http://{HydraResources.Inference}");

    /// <summary>The current run's state, null when no run has sent an image yet.</summary>
    public async Task<ApiResult<RunState?>> CurrentRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/api/v1/runs/current", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return new(null, null);
            response.EnsureSuccessStatusCode();
            return new(await response.Content.ReadFromJsonAsync<RunState>(Json, cancellationToken), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            logger.LogWarning("Current run not read from Inference: {Reason}", exception.Message);
            return new(null, exception.GetBaseException().Message);
        }
    }

    public async Task<IReadOnlyList<NewsItemView>> NewsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetFromJsonAsync<List<NewsItemView>>("/api/v1/news", Json, cancellationToken) ?? [];
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return [];
        }
    }

    /// <summary>Image bytes for the browser (the browser cannot reach Inference itself): png, thumbnail or cam.png.</summary>
    public async Task<HttpResponseMessage> ImageAsync(long imageId, string kind, string query, CancellationToken cancellationToken) =>
        await http.GetAsync($"/api/v1/images/{imageId}/{kind}{query}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}

/// <summary>A value, or why it could not be read.</summary>
public sealed record ApiResult<T>(T Value, string? Error);
