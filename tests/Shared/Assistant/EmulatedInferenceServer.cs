using System.Text.Json;
using Hydra.Core.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hydra.Testing.Assistant;

/// <summary>
/// Inference's monitoring API (the GET endpoints the assistant reads, same routes, filters and JSON)
/// over <see cref="EmulatedMonitoring"/>, on a loopback port: the assistant talks HTTP to it exactly
/// as to the real service. It counts requests, so a test can see which endpoints a tool used.
/// </summary>
public sealed class EmulatedInferenceServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;

    public EmulatedMonitoring Data { get; }
    public string Url { get; private set; } = "";
    public List<string> Requests { get; } = [];

    private EmulatedInferenceServer(EmulatedMonitoring data)
    {
        Data = data;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            lock (Requests) Requests.Add(context.Request.Path + context.Request.QueryString);
            await next();
        });
        Map(_app.MapGroup("/api/v1"));
    }

    public static async Task<EmulatedInferenceServer> StartAsync(EmulatedMonitoring? data = null)
    {
        var server = new EmulatedInferenceServer(data ?? new EmulatedMonitoring());
        await server._app.StartAsync();
        server.Url = server._app.Urls.First();
        return server;
    }

    private void Map(RouteGroupBuilder api)
    {
        api.MapGet("/alarms", (bool? active, int? run, string? detector, int? limit) => Ok(Data.Alarms
            .Where(a => active is null || a.IsActive == active)
            .Where(a => run is null || a.RunNumber == run)
            .Where(a => detector is null || a.Detector == detector)
            .OrderByDescending(a => a.RaisedAt).Take(limit ?? 200)));
        api.MapGet("/alarms/{id:long}", (long id) => Data.Alarms.FirstOrDefault(a => a.AlarmId == id) is { } alarm ? Ok(alarm) : NotFound($"no alarm {id}"));
        api.MapGet("/episodes", (int? run, string? plot, string? detector, string? classification, bool? open, int? limit) => Ok(Data.Episodes
            .Where(e => run is null || e.RunNumber == run)
            .Where(e => plot is null || e.PlotName == plot)
            .Where(e => detector is null || e.Detector == detector)
            .Where(e => classification is null || e.Classification == classification)
            .Where(e => open is null || e.IsOpen == open)
            .OrderByDescending(e => e.StartedAt).Take(limit ?? 200)));
        api.MapGet("/episodes/{id:long}", (long id) => Data.Episodes.FirstOrDefault(e => e.EpisodeId == id) is { } episode ? Ok(episode) : NotFound($"no episode {id}"));
        api.MapGet("/plot-types/{name}/label-statistics", (string name) =>
        {
            if (!Data.PlotTypes.Any(p => p.Name == name)) return NotFound($"no plot type '{name}'");
            var images = Data.Verdicts.Where(v => v.PlotName == name).Select(v => v.ImageId).ToList();
            var current = images.Select(id => Data.Labels.GetValueOrDefault(id)?.LastOrDefault()?.Classification).OfType<string>().ToList();
            return Ok(new PlotLabelStatistics(name, images.Count, current.Count, current.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count())));
        });
        api.MapGet("/plot-types", () => Ok(Data.PlotTypes.OrderBy(p => p.Detector).ThenBy(p => p.Name)));
        api.MapGet("/plot-types/{name}/verdicts", (string name, int? run, DateTimeOffset? from, DateTimeOffset? to, int? limit) =>
            !Data.PlotTypes.Any(p => p.Name == name) ? NotFound($"no plot type '{name}'") : Ok(Data.Verdicts
                .Where(v => v.PlotName == name && (run is null || v.RunNumber == run) && (from is null || v.RecordedAt >= from) && (to is null || v.RecordedAt <= to))
                .OrderByDescending(v => v.RecordedAt).Take(limit ?? 1000).OrderBy(v => v.RecordedAt)));
        api.MapGet("/verdicts", (int? run, string? detector, string? classification, int? limit) => Ok(Data.Verdicts
            .Where(v => (run is null || v.RunNumber == run) && (detector is null || v.Detector == detector) && (classification is null || v.Classification == classification))
            .OrderByDescending(v => v.VerdictId).Take(limit ?? 200)));
        api.MapGet("/images/{id:long}", (long id) => Data.Verdicts.FirstOrDefault(v => v.ImageId == id) is { } verdict ? Ok(verdict) : NotFound($"no image {id}"));
        api.MapGet("/images/{id:long}/labels", (long id) => Ok(Data.Labels.GetValueOrDefault(id) ?? []));
        api.MapGet("/plot-types/{name}/unlabelled", (string name, int? limit) => Ok(Data.Verdicts
            .Where(v => v.PlotName == name && !Data.Labels.ContainsKey(v.ImageId)).Select(v => v.ImageId).Take(limit ?? 100)));
        api.MapGet("/plot-types/{name}/models", (string name) => Ok(Data.Models.Where(m => m.PlotName == name)));
        api.MapGet("/plot-types/{name}/models/activations", (string name) => Ok(Data.Activations.Where(a => a.PlotName == name).OrderByDescending(a => a.ActivatedAt)));
        api.MapGet("/models/{id:guid}/evaluation", (Guid id) => id == EmulatedMonitoring.EcalModel ? Ok(EmulatedMonitoring.EcalEvaluation) : NotFound($"model {id} has not been evaluated"));
        api.MapGet("/runs/", (int? limit) => Ok(Data.Runs.OrderByDescending(r => r.RunNumber).Take(limit ?? 50)));
        api.MapGet("/runs/current", () => Ok(Data.RunState(Data.Runs.Max(r => r.RunNumber))));
        api.MapGet("/runs/{runNumber:int}", (int runNumber) => Data.Runs.Any(r => r.RunNumber == runNumber) ? Ok(Data.RunState(runNumber)) : NotFound($"no run {runNumber}"));
    }

    private static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
