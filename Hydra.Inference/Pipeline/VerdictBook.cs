using Hydra.Core.Monitoring;
using Hydra.Inference.Alarms;
using Hydra.Inference.Data;
using Hydra.Inference.Episodes;
using Hydra.Inference.Judging;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// Writes the verdicts of one plot type in one run, in chunk order, into the open transaction:
/// each verdict, its episode (extended or a new one) and its alarm (raised once per episode,
/// then only counted; cleared when the episode ends). The caller holds the advisory lock of the
/// (run, plot type), so two replicas never grow the same episode at once.
/// </summary>
public sealed class VerdictBook(MonitoringDb db, JudgeOptions judge, IReadOnlyList<string> webhooks)
{
    public List<(Verdict Verdict, ImageJob Job)> Written { get; } = [];
    public List<(Alarm Alarm, ImageJob Job)> Raised { get; } = [];
    public List<(Alarm Alarm, ImageJob Job)> Cleared { get; } = [];

    public async Task WriteAsync(IReadOnlyList<(ImageJob Job, ModelOutcome Outcome, TimingMs Timing)> group, DateTimeOffset judgedAt, CancellationToken cancellationToken)
    {
        var first = group[0].Job;
        var episode = await db.Episodes
            .Where(e => e.RunId == first.RunId && e.PlotTypeId == first.PlotTypeId)
            .OrderByDescending(e => e.LastChunk).ThenByDescending(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var alarm = episode is null ? null
            : await db.Alarms.FirstOrDefaultAsync(a => a.EpisodeId == episode.Id && a.ClearedAt == null, cancellationToken);

        foreach (var (job, outcome, timing) in group.OrderBy(g => g.Job.Chunk))
        {
            var confirmed = outcome.ModelId is not null
                && Judge.IsConfirmed(outcome.Classification, outcome.Confidence, outcome.Thresholds, judge.DefaultThreshold);

            if (EpisodeRules.Continues(episode?.Classification, episode?.EndedAt is not null, outcome.Classification))
            {
                episode!.LastSeenAt = Max(episode.LastSeenAt, job.RecordedAt);
                episode.LastChunk = Math.Max(episode.LastChunk, job.Chunk);
                episode.ImageCount++;
            }
            else
            {
                if (episode is { EndedAt: null }) episode.EndedAt = job.RecordedAt;
                if (alarm is not null) Clear(alarm, job);
                alarm = null;
                episode = new Episode
                {
                    RunId = job.RunId, PlotTypeId = job.PlotTypeId, Classification = outcome.Classification,
                    StartedAt = job.RecordedAt, LastSeenAt = job.RecordedAt, FirstChunk = job.Chunk, LastChunk = job.Chunk, ImageCount = 1,
                };
                db.Episodes.Add(episode);
            }
            if (confirmed) episode.ConfirmedCount++;

            var alarmKind = Judge.AlarmFor(outcome.Classification, confirmed, job.BeamCurrentNanoAmps, judge);
            if (alarmKind is { } kind)
            {
                if (alarm is null)
                {
                    alarm = Raise(kind, job, outcome, episode);
                }
                else
                {
                    alarm.ImageCount++;
                    alarm.LastSeenAt = Max(alarm.LastSeenAt, job.RecordedAt);
                }
            }

            var verdict = new Verdict
            {
                ImageId = job.ImageId,
                Classification = outcome.Classification,
                Confidence = outcome.Confidence,
                Confirmed = confirmed,
                Scores = outcome.Scores,
                ModelId = outcome.ModelId,
                Cam = outcome.Cam,
                Regions = outcome.Regions,
                ReferenceImageId = outcome.Reference?.ImageId,
                ReferenceSimilarity = outcome.Reference?.Similarity,
                JudgedAt = judgedAt,
                Episode = episode,
                Alarm = alarmKind is null ? null : alarm,
                QueueMs = timing.Queue,
                ClassifyMs = timing.Classify,
            };
            db.Verdicts.Add(verdict);
            Written.Add((verdict, job));
        }
    }

    private Alarm Raise(AlarmKind kind, ImageJob job, ModelOutcome outcome, Episode episode)
    {
        var alarm = new Alarm
        {
            Kind = kind,
            RunId = job.RunId,
            PlotTypeId = job.PlotTypeId,
            Episode = episode,
            Message = Judge.AlarmMessage(kind, job.PlotName, job.RunNumber, job.Chunk, outcome.Confidence),
            RaisedAt = job.RecordedAt,
            LastSeenAt = job.RecordedAt,
            ImageCount = 1,
        };
        alarm.QueueNotifications(AlarmNotices.Raised, webhooks);
        db.Alarms.Add(alarm);
        Raised.Add((alarm, job));
        return alarm;
    }

    private void Clear(Alarm alarm, ImageJob job)
    {
        alarm.ClearedAt = job.RecordedAt;
        alarm.QueueNotifications(AlarmNotices.Cleared, webhooks);
        Cleared.Add((alarm, job));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>Per-image stage times carried from the worker to the verdict row.</summary>
public readonly record struct TimingMs(float Queue, float Classify);
