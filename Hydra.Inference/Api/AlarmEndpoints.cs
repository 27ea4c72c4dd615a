using Hydra.Core.Monitoring;
using Hydra.Inference.Alarms;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>Alarms and episodes, filtered as the Log page and the assistant ask.</summary>
public static class AlarmEndpoints
{
    public static RouteGroupBuilder MapAlarmEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alarms", async (int? run, string? detector, AlarmKind? kind, bool? active, DateTimeOffset? from, DateTimeOffset? to, int? limit, MonitoringDb db, CancellationToken ct) =>
            {
                var alarms = db.Alarms.AsQueryable();
                if (run is not null) alarms = alarms.Where(a => a.Run!.RunNumber == run);
                if (!string.IsNullOrEmpty(detector)) alarms = alarms.Where(a => a.PlotType!.Detector == detector);
                if (kind is not null) alarms = alarms.Where(a => a.Kind == kind);
                if (active is true) alarms = alarms.Where(a => a.ClearedAt == null);
                if (active is false) alarms = alarms.Where(a => a.ClearedAt != null);
                if (from is not null) alarms = alarms.Where(a => a.RaisedAt >= from);
                if (to is not null) alarms = alarms.Where(a => a.RaisedAt <= to);
                var newest = alarms.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Take(Limits.Clamp(limit, 200));
                return await AlarmViews.Views(db, newest).ToListAsync(ct);
            })
            .WithTags("Alarms")
            .Produces<List<AlarmView>>()
            .WithSummary("Alarms, newest first, filtered by run, detector, kind, active and time.");

        api.MapGet("/alarms/{id:long}", async (long id, MonitoringDb db, CancellationToken ct) =>
                await AlarmViews.Views(db, db.Alarms.Where(a => a.Id == id)).FirstOrDefaultAsync(ct) is { } alarm
                    ? Results.Ok(alarm)
                    : Results.Problem($"no alarm {id}", statusCode: StatusCodes.Status404NotFound, title: "No such alarm"))
            .WithTags("Alarms")
            .Produces<AlarmView>();

        api.MapGet("/episodes", async (int? run, string? detector, string? plot, string? classification, bool? open, DateTimeOffset? from, DateTimeOffset? to, int? limit, MonitoringDb db, CancellationToken ct) =>
            {
                var episodes = db.Episodes.AsQueryable();
                if (run is not null) episodes = episodes.Where(e => e.Run!.RunNumber == run);
                if (!string.IsNullOrEmpty(detector)) episodes = episodes.Where(e => e.PlotType!.Detector == detector);
                if (!string.IsNullOrEmpty(plot)) episodes = episodes.Where(e => e.PlotType!.Name == plot);
                if (!string.IsNullOrEmpty(classification)) episodes = episodes.Where(e => e.Classification == classification);
                if (open is true) episodes = episodes.Where(e => e.EndedAt == null);
                if (open is false) episodes = episodes.Where(e => e.EndedAt != null);
                if (from is not null) episodes = episodes.Where(e => (e.EndedAt ?? e.LastSeenAt) >= from);
                if (to is not null) episodes = episodes.Where(e => e.StartedAt <= to);
                var newest = episodes.OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).Take(Limits.Clamp(limit, 200));
                return await AlarmViews.Episodes(newest).ToListAsync(ct);
            })
            .WithTags("Alarms")
            .Produces<List<EpisodeView>>()
            .WithSummary("Episodes (runs of equal verdicts), newest first, with start, end and chunk range.");

        api.MapGet("/episodes/{id:long}", async (long id, MonitoringDb db, CancellationToken ct) =>
                await AlarmViews.Episodes(db.Episodes.Where(e => e.Id == id)).FirstOrDefaultAsync(ct) is { } episode
                    ? Results.Ok(episode)
                    : Results.Problem($"no episode {id}", statusCode: StatusCodes.Status404NotFound, title: "No such episode"))
            .WithTags("Alarms")
            .Produces<EpisodeView>()
            .WithSummary("One episode by id (an alarm names its episode).");
        return api;
    }
}
