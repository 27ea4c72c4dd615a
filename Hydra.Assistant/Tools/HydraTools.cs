using Hydra.Assistant.Inference;
using Hydra.Assistant.Logbook;
using Hydra.Core.Assistant;
using Hydra.Core.Explanations;
using Hydra.Core.Monitoring;

namespace Hydra.Assistant.Tools;

/// <summary>
/// The assistant's read-only tools, typed. The language model calls them through
/// <see cref="HydraPlugin"/>; the offline mode calls them directly. Each records the sources it
/// returned in the turn's <see cref="TurnSources"/>, so the answer can cite them and nothing else.
/// </summary>
public sealed class HydraTools(InferenceClient inference, LogbookSearch logbook, TurnSources sources)
{
    public TurnSources Sources => sources;

    /// <summary>The calls made so far, for the offline mode to report as tool-call events (the model's calls are reported by the model's messages).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<ToolCallEvent> Calls { get; } = new();

    private void Called(string name, params (string Name, object? Value)[] arguments) =>
        Calls.Enqueue(new ToolCallEvent(name, arguments.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value)));

    public async Task<ToolResult<List<AlarmSummary>>> ActiveAlarmsAsync(string? detector, int? run, CancellationToken ct)
    {
        Called("active_alarms", ("detector", detector), ("run", run));
        var alarms = await inference.AlarmsAsync(active: true, run: run, detector: NullIfEmpty(detector), limit: 50, ct: ct);
        if (!alarms.Ok) return ToolResult<List<AlarmSummary>>.Failure(alarms.Error!);
        return Success(alarms.Value!.Select(AlarmSummary.From).ToList(), alarms.Value!.Select(AlarmSource));
    }

    public async Task<ToolResult<AlarmDetails>> AlarmAsync(long alarmId, CancellationToken ct)
    {
        Called("alarm_details", ("alarmId", alarmId));
        var alarm = await inference.AlarmAsync(alarmId, ct);
        if (!alarm.Ok) return ToolResult<AlarmDetails>.Failure(alarm.Error!);
        var view = alarm.Value!;
        var cited = new List<Source> { AlarmSource(view) };

        EpisodeSummary? episode = null;
        VerdictSummary? latest = null;
        if (view is { PlotName: { } plot, RunNumber: { } run })
        {
            if (view.EpisodeId is { } episodeId && await FindEpisodeAsync(episodeId, ct) is { } found) episode = EpisodeSummary.From(found);
            var verdicts = await inference.PlotVerdictsAsync(plot, run: run, limit: 200, ct: ct);
            if (verdicts.Ok && verdicts.Value!.LastOrDefault(v => v.AlarmId == alarmId) is { } verdict)
            {
                latest = VerdictSummary.From(verdict);
                cited.Add(ImageSource(verdict));
            }
        }
        var note = view.Kind == AlarmKind.NoDataArriving ? "No image arrived for too long: Hydra is blind for this plot, the detector may be fine." : null;
        return Success(new AlarmDetails(AlarmSummary.From(view), episode, latest, note), cited);
    }

    public async Task<ToolResult<EpisodeSummary>> EpisodeAsync(long episodeId, CancellationToken ct)
    {
        Called("episode_details", ("episodeId", episodeId));
        var episode = await inference.EpisodeAsync(episodeId, ct);
        return episode.Ok ? Success(EpisodeSummary.From(episode.Value!)) : ToolResult<EpisodeSummary>.Failure(episode.Error!);
    }

    public async Task<ToolResult<VerdictHistory>> VerdictHistoryAsync(string plot, int? run, int limit, CancellationToken ct)
    {
        Called("verdict_history", ("plot", plot), ("run", run), ("limit", limit));
        var verdicts = await inference.PlotVerdictsAsync(plot, run: run, limit: Math.Clamp(limit, 1, 500), ct: ct);
        if (!verdicts.Ok) return ToolResult<VerdictHistory>.Failure(verdicts.Error!);
        var list = verdicts.Value!;
        var changes = new List<string>();
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Classification != list[i - 1].Classification || list[i].RunNumber != list[i - 1].RunNumber)
            {
                changes.Add($"run {list[i].RunNumber} chunk {list[i].Chunk} at {list[i].RecordedAt:u}: {list[i - 1].Classification} -> {list[i].Classification}");
            }
        }
        var latest = list.TakeLast(5).Reverse().ToList();
        var history = new VerdictHistory(plot, run, list.Count,
            list.GroupBy(v => v.Classification).ToDictionary(g => g.Key, g => g.Count()),
            [.. changes.TakeLast(20)], [.. latest.Select(VerdictSummary.From)]);
        return Success(history, latest.Select(ImageSource));
    }

    public async Task<ToolResult<ImageLabels>> ImageLabelsAsync(long imageId, CancellationToken ct)
    {
        Called("image_labels", ("imageId", imageId));
        var labels = await inference.ImageLabelsAsync(imageId, ct);
        if (!labels.Ok) return ToolResult<ImageLabels>.Failure(labels.Error!);
        return Success(new ImageLabels(imageId, labels.Value!.LastOrDefault()?.Classification, labels.Value!),
            [Source.ForImage(imageId, $"image {imageId}")]);
    }

    /// <summary>
    /// Labelled images per class and how many still wait for a label, counted exactly by Inference;
    /// plus how many labelled images the active model was last evaluated on, when it was.
    /// </summary>
    public async Task<ToolResult<LabelStatistics>> LabelStatisticsAsync(string plot, CancellationToken ct)
    {
        Called("label_statistics", ("plot", plot));
        var counts = await inference.LabelStatisticsAsync(plot, ct);
        if (!counts.Ok) return ToolResult<LabelStatistics>.Failure(counts.Error!);
        var models = await inference.ModelsAsync(plot, ct);
        var active = models.Value?.FirstOrDefault(m => m.IsActive);
        EvaluationSummary? evaluation = null;
        if (active is not null && await inference.EvaluationAsync(active.ModelId, ct) is { Ok: true } read) evaluation = read.Value;
        var note = active is null ? "no active model: verdicts are NoModel until one is trained from these labels"
            : evaluation is null ? "the active model has not been evaluated yet" : null;
        var c = counts.Value!;
        return Success(new LabelStatistics(plot, c.Images, c.Labelled, c.Unlabelled, c.ByClass, active?.ModelId, evaluation?.Samples, note));
    }

    /// <summary>
    /// The active model's thresholds and who set them, and the latest verdict measured against
    /// them: "why did it alarm only now" and "why is this Bad not confirmed" are answered by a
    /// confidence below its threshold, or a threshold someone moved.
    /// </summary>
    public async Task<ToolResult<ModelThresholds>> ModelThresholdsAsync(string plot, CancellationToken ct)
    {
        Called("model_thresholds", ("plot", plot));
        var models = await inference.ModelsAsync(plot, ct);
        if (!models.Ok) return ToolResult<ModelThresholds>.Failure(models.Error!);
        var verdicts = await inference.PlotVerdictsAsync(plot, limit: 1, ct: ct);
        var latest = verdicts.Value?.LastOrDefault();
        var (summary, cited) = latest is null ? (null, null) : (VerdictSummary.From(latest), new[] { ImageSource(latest) });
        var active = models.Value!.FirstOrDefault(m => m.IsActive);
        if (active is null)
        {
            return Success(new ModelThresholds(plot, null, null, null, null, null, [], summary,
                "no active model: every verdict is NoModel, nothing is confirmed and nothing alarms"), cited);
        }
        var activations = await inference.ActivationsAsync(plot, ct);
        var activation = activations.Value?.FirstOrDefault(a => a.ModelId == active.ModelId);
        var note = latest is null ? null
            : latest.ModelId != active.ModelId ? "the active model has not judged an image yet: the latest verdict came from an earlier model"
            : LatestAgainst(latest, active.Thresholds);
        return Success(new ModelThresholds(plot, active.ModelId, active.Name, active.Origin, activation?.ActivatedAt, activation?.ActivatedBy,
            [.. active.Thresholds.OrderBy(t => t.Classification, StringComparer.Ordinal).Select(ThresholdSummary.From)], summary, note), cited);
    }

    /// <summary>The latest verdict's confidence against its class's threshold, in a sentence.</summary>
    private static string? LatestAgainst(VerdictView latest, IReadOnlyList<ThresholdView> thresholds)
    {
        if (latest.Confidence is not { } confidence) return null;
        var threshold = thresholds.FirstOrDefault(t => t.Classification == latest.Classification);
        var bar = threshold is null ? "Hydra's default threshold" : FormattableString.Invariant($"its threshold {threshold.Threshold:0.00}");
        var score = FormattableString.Invariant($"{latest.Classification} at {confidence:0.00}");
        return latest.Confirmed
            ? $"the latest verdict, {score}, reaches {bar}: confirmed"
            : $"the latest verdict, {score}, is below {bar}: unconfirmed, so it raises no alarm";
    }

    public async Task<ToolResult<VerdictSummary>> RegionsAsync(long imageId, CancellationToken ct)
    {
        Called("gradcam_regions", ("imageId", imageId));
        var verdict = await inference.ImageVerdictAsync(imageId, ct);
        if (!verdict.Ok) return ToolResult<VerdictSummary>.Failure(verdict.Error!);
        var summary = VerdictSummary.From(verdict.Value!);
        var result = Success(summary, [ImageSource(verdict.Value!)]);
        return summary.Regions.Count == 0 && !verdict.Value!.HasCam
            ? result with { Error = "this verdict has no GradCAM map (no model, or the model gives none)" }
            : result;
    }

    public async Task<ToolResult<RunInfo>> RunAsync(int? runNumber, CancellationToken ct)
    {
        Called("run_info", ("run", runNumber));
        var state = runNumber is { } n ? await inference.RunAsync(n, ct) : await inference.CurrentRunAsync(ct);
        if (!state.Ok) return ToolResult<RunInfo>.Failure(state.Error!);
        var s = state.Value!;
        var number = s.Run.RunNumber;
        var alarms = await inference.AlarmsAsync(run: number, limit: 50, ct: ct);
        var episodes = await inference.EpisodesAsync(run: number, limit: 200, ct: ct);
        var notGood = s.Plots.Where(p => p.Latest.Classification is not ("Good" or "NoModel")).Select(p => p.Latest).ToList();
        var badEpisodes = (episodes.Value ?? []).Where(e => e.Classification is not "Good" and not "NoModel").OrderBy(e => e.StartedAt).ToList();
        var info = new RunInfo(number, s.Run.RunPeriod, s.Run.StartedAt, s.Run.EndedAt, s.Run.BeamCurrentNanoAmps, s.Run.Target, s.Run.TorusScale, s.Run.SolenoidScale,
            s.ActiveAlarms, s.LastUpdateAt, s.ImagesWaiting, s.Plots.Count, [.. notGood.Select(VerdictSummary.From)],
            [.. (alarms.Value ?? []).OrderBy(a => a.RaisedAt).Select(AlarmSummary.From)], [.. badEpisodes.Select(EpisodeSummary.From)]);
        return Success(info, [.. (alarms.Value ?? []).Select(AlarmSource), .. notGood.Select(ImageSource)]);
    }

    public async Task<ToolResult<List<PlotTypeView>>> PlotTypesAsync(string? detector, CancellationToken ct)
    {
        Called("plot_types", ("detector", detector));
        var plots = await inference.PlotTypesAsync(ct);
        if (!plots.Ok) return ToolResult<List<PlotTypeView>>.Failure(plots.Error!);
        return Success(plots.Value!.Where(p => detector is null || p.Detector.Equals(detector, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    /// <summary>
    /// Earlier episodes of the same plot type and class whose GradCAM regions meet the reference's
    /// (same sectors, layers and components, or the same crate and slot), how each ended, and what the
    /// logbook said around it.
    /// </summary>
    public async Task<ToolResult<SimilarEpisodes>> SimilarEpisodesAsync(string? plot, long? alarmId, long? episodeId, CancellationToken ct)
    {
        Called("similar_episodes", ("plot", plot), ("alarmId", alarmId), ("episodeId", episodeId));
        const int examined = 8;
        EpisodeView? reference = null;
        int? run = null;
        if (alarmId is { } id)
        {
            var alarm = await inference.AlarmAsync(id, ct);
            if (!alarm.Ok) return ToolResult<SimilarEpisodes>.Failure(alarm.Error!);
            plot ??= alarm.Value!.PlotName;
            run = alarm.Value!.RunNumber;
            episodeId ??= alarm.Value!.EpisodeId;
            sources.Add(AlarmSource(alarm.Value!));
        }
        if (string.IsNullOrWhiteSpace(plot)) return ToolResult<SimilarEpisodes>.Failure("give a plot name, an alarm id or an episode id with its plot");
        if (episodeId is { } eid) reference = await FindEpisodeAsync(eid, ct);

        var classification = reference?.Classification ?? "Bad";
        var episodes = await inference.EpisodesAsync(plot: plot, classification: classification, limit: 100, ct: ct);
        if (!episodes.Ok) return ToolResult<SimilarEpisodes>.Failure(episodes.Error!);
        reference ??= episodes.Value!.FirstOrDefault();

        var referenceRegions = reference is null ? [] : await RegionsOfAsync(reference, ct);
        var similar = new List<SimilarEpisode>();
        foreach (var candidate in episodes.Value!.Where(e => e.EpisodeId != reference?.EpisodeId && (reference is null || e.StartedAt < reference.StartedAt)).Take(examined))
        {
            var regions = await RegionsOfAsync(candidate, ct);
            bool? overlap = referenceRegions.Count == 0 || regions.Count == 0 ? null : RegionSummary.Overlap(referenceRegions, regions);
            if (overlap is false) continue;
            var notes = await logbook.SearchAsync(new LogbookQuery($"{candidate.Detector} {string.Join(' ', regions.Select(r => r.Summary))}",
                From: candidate.StartedAt.AddHours(-1), To: (candidate.EndedAt ?? candidate.LastSeenAt).AddHours(2), Limit: 2), ct);
            foreach (var note in notes) sources.Add(Source.ForLogbook(note.Id, note.Title));
            similar.Add(new SimilarEpisode(EpisodeSummary.From(candidate), overlap, [.. regions.Select(r => r.Summary)], Outcome(candidate), [.. notes.Select(LogbookQuote.From)]));
        }
        return Success(new SimilarEpisodes(plot, reference is null ? null : EpisodeSummary.From(reference), [.. referenceRegions.Select(r => r.Summary)],
            [.. similar.OrderByDescending(s => s.RegionsOverlap == true).ThenByDescending(s => s.Episode.StartedAt)]));
    }

    public async Task<ToolResult<List<LogbookQuote>>> SearchLogbookAsync(string query, int? run, int limit, CancellationToken ct)
    {
        Called("search_logbook", ("query", query), ("run", run), ("limit", limit));
        if (string.IsNullOrWhiteSpace(query) && run is null) return ToolResult<List<LogbookQuote>>.Failure("give words to search for, or a run number");
        var hits = await logbook.SearchAsync(new LogbookQuery(query ?? "", run, Limit: Math.Clamp(limit, 1, 10)), ct);
        return Success(hits.Select(LogbookQuote.From).ToList(), hits.Select(h => Source.ForLogbook(h.Id, h.Title)));
    }

    private static string Outcome(EpisodeView e) => e.EndedAt is { } ended
        ? $"ended at {ended:u} after {e.Duration.TotalMinutes:0} min (chunks {e.FirstChunk}-{e.LastChunk})"
        : $"still open since {e.StartedAt:u} ({e.Duration.TotalMinutes:0} min so far)";

    private async Task<IReadOnlyList<HotRegion>> RegionsOfAsync(EpisodeView episode, CancellationToken ct)
    {
        var verdicts = await inference.PlotVerdictsAsync(episode.PlotName, run: episode.RunNumber, from: episode.StartedAt, to: episode.EndedAt ?? episode.LastSeenAt, limit: 50, ct: ct);
        return verdicts.Value?.LastOrDefault(v => v.Classification == episode.Classification && v.Regions is { Count: > 0 })?.Regions ?? [];
    }

    private async Task<EpisodeView?> FindEpisodeAsync(long episodeId, CancellationToken ct)
    {
        Called("episode_details", ("episodeId", episodeId));
        return (await inference.EpisodeAsync(episodeId, ct)).Value;
    }

    private ToolResult<T> Success<T>(T data, IEnumerable<Source>? found = null)
    {
        var list = found?.ToList() ?? [];
        foreach (var source in list) sources.Add(source);
        return ToolResult<T>.Success(data, list);
    }

    public static Source AlarmSource(AlarmView a) => Source.ForAlarm(a.AlarmId, $"Alarm {a.AlarmId}: {a.Message}");

    public static Source ImageSource(VerdictView v) => Source.ForImage(v.ImageId, $"{v.PlotName} run {v.RunNumber} chunk {v.Chunk}: {v.Classification}");

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
