using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Streaming;

/// <summary>
/// POSTs each image to Hydra's <c>/api/v1/images</c>, as a remote monitoring source would. A source
/// must outlast Hydra's restarts: connection failures and 503 answers are retried with back-off;
/// any other refusal is reported and the image skipped (it would be refused again).
/// </summary>
public sealed class HttpSink(HttpClient http, TextWriter log) : IImageSink
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    /// <summary>The run after the newest one Hydra knows, so every demo start is a fresh run.</summary>
    public static async Task<int> NextRunNumberAsync(HttpClient http, int fallback, CancellationToken cancellationToken)
    {
        var runs = await RetryAsync(() => http.GetFromJsonAsync<List<RunNumberOnly>>("/api/v1/runs?limit=1", cancellationToken), cancellationToken);
        return runs is { Count: > 0 } ? Math.Max(fallback, runs[0].RunNumber + 1) : fallback;
    }

    private sealed record RunNumberOnly(int RunNumber);

    private bool _conditionsRecorded;

    /// <summary>Nothing yet: Hydra starts a run with its first image, and the conditions follow that image.</summary>
    public Task BeginRunAsync(RunConditions run, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task WriteAsync(RunConditions run, RenderedPlot plot, int chunk, double beamCurrentNanoAmps, CancellationToken cancellationToken)
    {
        var response = await RetryAsync(async () =>
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(run.RunNumber.ToString(CultureInfo.InvariantCulture)), "run" },
                { new StringContent(plot.Name), "plot" },
                { new StringContent(chunk.ToString(CultureInfo.InvariantCulture)), "chunk" },
                { new StringContent(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), "time" },
                { new StringContent(beamCurrentNanoAmps.ToString(CultureInfo.InvariantCulture)), "beam" },
                { new ByteArrayContent(plot.Png), "file", $"{plot.Name}_{chunk:0000}.png" },
            };
            var answer = await http.PostAsync("/api/v1/images", form, cancellationToken);
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable) throw new HttpRequestException("Hydra answered 503 (retry)", null, answer.StatusCode);
            return answer;
        }, cancellationToken);

        if (!response.IsSuccessStatusCode)
        {
            await log.WriteLineAsync($"  {plot.Name} chunk {chunk} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return;
        }
        if (!_conditionsRecorded)
        {
            _conditionsRecorded = true;
            await RecordConditionsAsync(run, cancellationToken);
        }
        if (_layoutsSent.Add(plot.Name))
        {
            // The source knows how it drew the plot: Hydra needs it to name channels in explanations.
            var layout = await http.PutAsJsonAsync($"/api/v1/plot-types/{plot.Name}/layout", plot.Layout, cancellationToken);
            if (!layout.IsSuccessStatusCode) await log.WriteLineAsync($"  {plot.Name} layout not stored: {(int)layout.StatusCode}");
        }
    }

    private readonly HashSet<string> _layoutsSent = new(StringComparer.Ordinal);

    private async Task RecordConditionsAsync(RunConditions run, CancellationToken cancellationToken)
    {
        var conditions = new
        {
            beamCurrentNanoAmps = run.BeamCurrentNanoAmps,
            target = run.Target,
            torusScale = (double)run.TorusPolarity,
            solenoidScale = (double)run.SolenoidPolarity,
        };
        var response = await http.PutAsJsonAsync($"/api/v1/runs/{run.RunNumber}/conditions", conditions, cancellationToken);
        if (!response.IsSuccessStatusCode) await log.WriteLineAsync($"  run conditions not recorded: {(int)response.StatusCode}");
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken);
                delay = delay * 2 < MaxBackOff ? delay * 2 : MaxBackOff;
            }
        }
    }
}
