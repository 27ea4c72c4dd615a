using Hydra.Core.Monitoring;
using Hydra.Inference.Data;

namespace Hydra.Inference.Alarms;

/// <summary>Alarms and episodes as the API and the events show them.</summary>
public static class AlarmViews
{
    public static IQueryable<AlarmView> Views(MonitoringDb db, IQueryable<Alarm> alarms) =>
        alarms.Select(a => new AlarmView(
            a.Id, a.Kind,
            a.Run != null ? a.Run.RunNumber : null,
            a.PlotType != null ? a.PlotType.Name : null,
            a.PlotType != null ? a.PlotType.Detector : null,
            a.Message, a.RaisedAt, a.LastSeenAt, a.ClearedAt, a.ImageCount,
            db.Verdicts.Where(v => v.AlarmId == a.Id).Min(v => (long?)v.Id),
            a.EpisodeId));

    /// <summary>A just-raised alarm, from what the worker holds; its first verdict is the one that raised it.</summary>
    public static AlarmView From(Alarm alarm, int? runNumber, string? plotName, string? detector, long? firstVerdictId = null) => new(
        alarm.Id, alarm.Kind, runNumber, plotName, detector, alarm.Message, alarm.RaisedAt, alarm.LastSeenAt,
        alarm.ClearedAt, alarm.ImageCount, firstVerdictId, alarm.Episode?.Id ?? alarm.EpisodeId);

    public static IQueryable<EpisodeView> Episodes(IQueryable<Episodes.Episode> episodes) =>
        episodes.Select(e => new EpisodeView(
            e.Id, e.Run!.RunNumber, e.PlotType!.Name, e.PlotType.Detector, e.Classification,
            e.StartedAt, e.LastSeenAt, e.EndedAt, e.FirstChunk, e.LastChunk, e.ImageCount, e.ConfirmedCount));
}
