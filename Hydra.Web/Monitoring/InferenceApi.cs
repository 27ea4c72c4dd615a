using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hydra.Core;
using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>
/// Web's view of Inference's API (service discovery: <c>http://inference</c>). Pages never throw on
/// a missing service: every call returns an <see cref="ApiResult{T}"/> whose Error says, in words a
/// shifter can act on, why there is no value.
/// </summary>
public sealed class InferenceApi(HttpClient http, ILogger<InferenceApi> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    public static readonly Uri BaseAddress = new($"http://{HydraResources.Inference}");

    /// <summary>The current run's state; a null value when no run has sent an image yet.</summary>
    public Task<ApiResult<RunState?>> CurrentRunAsync(CancellationToken ct) => GetAsync<RunState>("/api/v1/runs/current", ct, notFoundIsEmpty: true);

    /// <summary>One run's state; empty (not an error) when there is no such run.</summary>
    public Task<ApiResult<RunState?>> RunAsync(int runNumber, CancellationToken ct) => GetAsync<RunState>($"/api/v1/runs/{runNumber}", ct, notFoundIsEmpty: true);

    public Task<ApiResult<List<RunView>?>> RunsAsync(int limit, CancellationToken ct) => GetAsync<List<RunView>>($"/api/v1/runs?limit={limit}", ct);

    public async Task<IReadOnlyList<NewsItemView>> NewsAsync(CancellationToken ct) => (await GetAsync<List<NewsItemView>>("/api/v1/news", ct)).Value ?? [];

    public Task<ApiResult<List<PlotTypeView>?>> PlotTypesAsync(CancellationToken ct) => GetAsync<List<PlotTypeView>>("/api/v1/plot-types", ct);

    public Task<ApiResult<VerdictView?>> ImageVerdictAsync(long imageId, CancellationToken ct) => GetAsync<VerdictView>($"/api/v1/images/{imageId}", ct);

    public Task<ApiResult<List<VerdictView>?>> PlotVerdictsAsync(string plot, VerdictQuery query, CancellationToken ct) =>
        GetAsync<List<VerdictView>>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/verdicts{query}", ct);

    public Task<ApiResult<List<VerdictView>?>> VerdictsAsync(VerdictQuery query, CancellationToken ct) => GetAsync<List<VerdictView>>($"/api/v1/verdicts{query}", ct);

    public Task<ApiResult<List<AlarmView>?>> AlarmsAsync(VerdictQuery query, CancellationToken ct) => GetAsync<List<AlarmView>>($"/api/v1/alarms{query}", ct);

    public Task<ApiResult<AlarmView?>> AlarmAsync(long alarmId, CancellationToken ct) => GetAsync<AlarmView>($"/api/v1/alarms/{alarmId}", ct);

    public Task<ApiResult<List<EpisodeView>?>> EpisodesAsync(VerdictQuery query, CancellationToken ct) => GetAsync<List<EpisodeView>>($"/api/v1/episodes{query}", ct);

    public Task<ApiResult<List<LabelView>?>> LabelHistoryAsync(long imageId, CancellationToken ct) => GetAsync<List<LabelView>>($"/api/v1/images/{imageId}/labels", ct);

    public Task<ApiResult<LabelerBatchView?>> LabelerBatchAsync(string plot, LabelerMode mode, int? fromRun, int? toRun, CancellationToken ct) =>
        GetAsync<LabelerBatchView>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/labeler?mode={mode}{(fromRun is null ? "" : $"&fromRun={fromRun}")}{(toRun is null ? "" : $"&toRun={toRun}")}", ct);

    public Task<ApiResult<List<LabellerScore>?>> LeaderboardAsync(CancellationToken ct) => GetAsync<List<LabellerScore>>("/api/v1/labels/leaderboard", ct);

    public Task<ApiResult<LabelBatchResult?>> ApplyLabelsAsync(LabelBatch batch, CancellationToken ct) => SendAsync<LabelBatchResult>(HttpMethod.Post, "/api/v1/labels", batch, ct);

    public Task<ApiResult<List<ModelView>?>> ModelsAsync(string plot, CancellationToken ct) => GetAsync<List<ModelView>>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/models", ct);

    public Task<ApiResult<EvaluationView?>> EvaluationAsync(Guid modelId, CancellationToken ct) => GetAsync<EvaluationView>($"/api/v1/models/{modelId}/evaluation", ct, notFoundIsEmpty: true);

    public Task<ApiResult<EvaluationThresholds?>> EvaluateAsync(Guid modelId, CancellationToken ct) => SendAsync<EvaluationThresholds>(HttpMethod.Post, $"/api/v1/models/{modelId}/evaluate", null, ct);

    public Task<ApiResult<ActivationView?>> ActivateAsync(Guid modelId, string by, CancellationToken ct) =>
        SendAsync<ActivationView?>(HttpMethod.Post, $"/api/v1/models/{modelId}/activate?by={Uri.EscapeDataString(by)}", null, ct);

    public Task<ApiResult<ActivationView?>> RollBackAsync(string plot, string by, CancellationToken ct) =>
        SendAsync<ActivationView?>(HttpMethod.Post, $"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/models/rollback?by={Uri.EscapeDataString(by)}", null, ct);

    public Task<ApiResult<ThresholdView?>> SetThresholdAsync(Guid modelId, string classification, ThresholdRequest request, CancellationToken ct) =>
        SendAsync<ThresholdView?>(HttpMethod.Put, $"/api/v1/models/{modelId}/thresholds/{Uri.EscapeDataString(classification)}", request, ct);

    public Task<ApiResult<TrainingJobView?>> TrainAsync(string plot, TrainingRequest request, CancellationToken ct) =>
        SendAsync<TrainingJobView?>(HttpMethod.Post, $"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/models/train", request, ct);

    public Task<ApiResult<List<TrainingJobView>?>> TrainingJobsAsync(string plot, CancellationToken ct) =>
        GetAsync<List<TrainingJobView>>($"/api/v1/training-jobs?plot={Uri.EscapeDataString(plot)}", ct);

    public Task<ApiResult<JsonElement>> CancelTrainingAsync(long jobId, CancellationToken ct) => SendAsync<JsonElement>(HttpMethod.Post, $"/api/v1/training-jobs/{jobId}/cancel", null, ct);

    public Task<ApiResult<PipelineStatus?>> PipelineStatusAsync(CancellationToken ct) => GetAsync<PipelineStatus>("/api/v1/pipeline/status", ct);

    public Task<ApiResult<List<DetectorLabelStatistics>?>> LabelStatisticsAsync(CancellationToken ct) => GetAsync<List<DetectorLabelStatistics>>("/api/v1/statistics/labels", ct);

    public Task<ApiResult<List<ModelAgreement>?>> ModelAgreementAsync(CancellationToken ct) => GetAsync<List<ModelAgreement>>("/api/v1/statistics/model-agreement", ct);

    public Task<ApiResult<ClusterMap?>> ClustersAsync(string plot, int k, int limit, CancellationToken ct) =>
        GetAsync<ClusterMap>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/clusters?k={k}&limit={limit}", ct);

    /// <summary>The reference image new images of a plot type are compared with; null when there is none.</summary>
    public Task<ApiResult<PlotReferenceView?>> ReferenceAsync(string plot, int? run, CancellationToken ct) =>
        GetAsync<PlotReferenceView>($"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/reference{(run is null ? "" : $"?run={run}")}", ct, notFoundIsEmpty: true);

    /// <summary>
    /// An expert makes <paramref name="imageId"/> the plot type's reference. Inference records the
    /// person Web forwards (ADR-011), whatever <paramref name="setBy"/> says; the page passes the same
    /// signed-in name so the request reads the same either way.
    /// </summary>
    public Task<ApiResult<PlotReferenceView?>> SetReferenceAsync(string plot, long imageId, string setBy, CancellationToken ct) =>
        SendAsync<PlotReferenceView>(HttpMethod.Put, $"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/reference", new SetReferenceRequest(imageId, setBy), ct);

    /// <summary>Clears the expert's reference: the automatic choice applies again.</summary>
    public Task<ApiResult<JsonElement>> ClearReferenceAsync(string plot, string by, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"/api/v1/plot-types/{Uri.EscapeDataString(plot)}/reference?by={Uri.EscapeDataString(by)}", null, ct);

    /// <summary>Image bytes for the browser (the browser cannot reach Inference itself): png, thumbnail or cam.png.</summary>
    public async Task<HttpResponseMessage> ImageAsync(long imageId, string kind, string query, CancellationToken ct) =>
        await http.GetAsync($"/api/v1/images/{imageId}/{kind}{query}", HttpCompletionOption.ResponseHeadersRead, ct);

    internal Task<ApiResult<T?>> GetAsync<T>(string path, CancellationToken ct, bool notFoundIsEmpty = false) =>
        SendAsync<T>(HttpMethod.Get, path, null, ct, notFoundIsEmpty);

    /// <summary>
    /// Every call to Inference goes through here: a success becomes the value (none for 204), an
    /// error Inference answered becomes its sentence (<see cref="ApiProblem"/>), and an Inference
    /// that cannot be reached becomes "cannot reach Inference", never an exception on the page.
    /// </summary>
    internal async Task<ApiResult<T?>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, bool notFoundIsEmpty = false)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
            using var response = await http.SendAsync(request, ct);
            if (notFoundIsEmpty && response.StatusCode == HttpStatusCode.NotFound) return new(default, null);
            if (!response.IsSuccessStatusCode) return new(default, await ApiProblem.ReadAsync(response, "Inference", ct));
            if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0) return new(default, null);
            return new(await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            logger.LogWarning("{Method} {Path} at Inference failed: {Reason}", method, path, exception.Message);
            return new(default, $"cannot reach Inference: {exception.GetBaseException().Message}");
        }
    }
}

/// <summary>A value, or why it could not be read.</summary>
public sealed record ApiResult<T>(T Value, string? Error);
