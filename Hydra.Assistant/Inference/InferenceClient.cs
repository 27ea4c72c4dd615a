using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hydra.Core;
using Hydra.Core.Monitoring;

namespace Hydra.Assistant.Inference;

/// <summary>A value, or why it could not be read (as a sentence a tool can hand to the model).</summary>
public sealed record ApiResult<T>(T? Value, string? Error)
{
    public bool Ok => Error is null;
    public static ApiResult<T> Failed(string error) => new(default, error);
}

/// <summary>
/// The assistant's view of Inference's monitoring API (service discovery: <c>http://inference</c>).
/// Never throws for a missing service or a 404: a tool reports the error as data and the answer
/// says what it could not see.
/// </summary>
public sealed class InferenceClient(HttpClient http, ILogger<InferenceClient> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    public static readonly Uri BaseAddress = new($"http://{HydraResources.Inference}");

    public Task<ApiResult<List<AlarmView>>> AlarmsAsync(bool? active = null, int? run = null, string? detector = null, int limit = 50, CancellationToken ct = default) =>
        GetAsync<List<AlarmView>>("/api/v1/alarms" + Query(("active", active), ("run", run), ("detector", detector), ("limit", limit)), ct);

    public Task<ApiResult<AlarmView>> AlarmAsync(long alarmId, CancellationToken ct = default) =>
        GetAsync<AlarmView>($"/api/v1/alarms/{alarmId}", ct);

    public Task<ApiResult<List<EpisodeView>>> EpisodesAsync(int? run = null, string? plot = null, string? detector = null, string? classification = null,
        bool? open = null, int limit = 50, CancellationToken ct = default) =>
        GetAsync<List<EpisodeView>>("/api/v1/episodes" + Query(("run", run), ("plot", plot), ("detector", detector), ("classification", classification), ("open", open), ("limit", limit)), ct);

    public Task<ApiResult<List<PlotTypeView>>> PlotTypesAsync(CancellationToken ct = default) =>
        GetAsync<List<PlotTypeView>>("/api/v1/plot-types", ct);

    /// <summary>A plot type's verdicts in time order (oldest first), the newest <paramref name="limit"/>.</summary>
    public Task<ApiResult<List<VerdictView>>> PlotVerdictsAsync(string plot, int? run = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 50, CancellationToken ct = default) =>
        GetAsync<List<VerdictView>>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/verdicts" + Query(("run", run), ("from", from), ("to", to), ("limit", limit)), ct);

    public Task<ApiResult<List<VerdictView>>> VerdictsAsync(int? run = null, string? detector = null, string? classification = null, bool? confirmed = null, int limit = 50, CancellationToken ct = default) =>
        GetAsync<List<VerdictView>>("/api/v1/verdicts" + Query(("run", run), ("detector", detector), ("classification", classification), ("confirmed", confirmed), ("limit", limit)), ct);

    /// <summary>An image's verdict, its scores and its GradCAM regions.</summary>
    public Task<ApiResult<VerdictView>> ImageVerdictAsync(long imageId, CancellationToken ct = default) =>
        GetAsync<VerdictView>($"/api/v1/images/{imageId}", ct);

    public Task<ApiResult<List<LabelView>>> ImageLabelsAsync(long imageId, CancellationToken ct = default) =>
        GetAsync<List<LabelView>>($"/api/v1/images/{imageId}/labels", ct);

    public Task<ApiResult<List<long>>> UnlabelledAsync(string plot, int limit, CancellationToken ct = default) =>
        GetAsync<List<long>>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/unlabelled" + Query(("limit", limit)), ct);

    public Task<ApiResult<PlotLabelStatistics>> LabelStatisticsAsync(string plot, CancellationToken ct = default) =>
        GetAsync<PlotLabelStatistics>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/label-statistics", ct);

    public Task<ApiResult<EpisodeView>> EpisodeAsync(long episodeId, CancellationToken ct = default) =>
        GetAsync<EpisodeView>($"/api/v1/episodes/{episodeId}", ct);

    public Task<ApiResult<List<ModelView>>> ModelsAsync(string plot, CancellationToken ct = default) =>
        GetAsync<List<ModelView>>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/models", ct);

    /// <summary>Who activated which model of a plot type when, newest first.</summary>
    public Task<ApiResult<List<ActivationView>>> ActivationsAsync(string plot, CancellationToken ct = default) =>
        GetAsync<List<ActivationView>>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/models/activations", ct);

    public Task<ApiResult<EvaluationSummary>> EvaluationAsync(Guid modelId, CancellationToken ct = default) =>
        GetAsync<EvaluationSummary>($"/api/v1/models/{modelId}/evaluation", ct);

    public Task<ApiResult<RunState>> RunAsync(int runNumber, CancellationToken ct = default) =>
        GetAsync<RunState>($"/api/v1/runs/{runNumber}", ct);

    public Task<ApiResult<RunState>> CurrentRunAsync(CancellationToken ct = default) =>
        GetAsync<RunState>("/api/v1/runs/current", ct);

    public Task<ApiResult<List<RunView>>> RunsAsync(int limit = 20, CancellationToken ct = default) =>
        GetAsync<List<RunView>>("/api/v1/runs/" + Query(("limit", limit)), ct);

    private async Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, ct);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, ct) is { } value ? new(value, null) : ApiResult<T>.Failed("Inference returned nothing");
            }
            // Inference answers errors as problem details; their detail is a sentence ("no alarm 12").
            var problem = await TryReadProblemAsync(response, ct);
            return ApiResult<T>.Failed(problem ?? $"Inference answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Inference call {Path} failed: {Reason}", path, exception.Message);
            return ApiResult<T>.Failed($"Inference could not be reached: {exception.GetBaseException().Message}");
        }
    }

    private static async Task<string?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Query(params (string Name, object? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value switch
        {
            bool b => b ? "true" : "false",
            DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v!.ToString()!,
        })}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>The part of a model evaluation the assistant reads: how many labelled images of each class it was tested on.</summary>
public sealed record EvaluationSummary(IReadOnlyList<string> Labels, int Samples, double Accuracy, IReadOnlyList<EvaluationClass> Classes);

public sealed record EvaluationClass(string Label, int Support, double Precision, double Recall, double F1);
