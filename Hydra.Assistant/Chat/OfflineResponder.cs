using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hydra.Assistant.Tools;
using Hydra.Core.Assistant;
using Hydra.Core.Monitoring;

namespace Hydra.Assistant.Chat;

/// <summary>
/// Answers the shift crew's common questions without a language model: it recognises the question
/// (what is alarming now, why is plot X bad, what happened in run N, has this happened before, what
/// does the logbook say about Y), calls the same tools the model would, and writes the answer from
/// their data with a fixed template. Deterministic, fast, and immune to instructions in logbook text:
/// the text is only ever quoted, never read as a command.
/// </summary>
public sealed partial class OfflineResponder(HydraTools tools)
{
    public const string OfflineNotice = "Offline mode: no language model is attached, so this answer comes straight from Hydra's tools.";
    private const int QuoteLength = 240;

    public enum Intent { ActiveAlarms, WhyBad, Run, SimilarBefore, Logbook, AlarmDetails, Thresholds, Help }

    /// <summary>The answer as a few pieces of text (a paragraph each), streamed as they are ready.</summary>
    public async IAsyncEnumerable<ChatEvent> AnswerAsync(string message, PageContext? context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        yield return new TextEvent(OfflineNotice + "\n\n");
        var (intent, run) = Classify(message, context);
        IAsyncEnumerable<ChatEvent> answer = intent switch
        {
            Intent.ActiveAlarms => ActiveAlarmsAsync(message, ct),
            Intent.WhyBad => WhyBadAsync(message, run is null ? context : (context ?? new PageContext()) with { Run = run }, ct),
            Intent.Run => RunAsync(run, ct),
            Intent.SimilarBefore => SimilarAsync(message, context, ct),
            Intent.Logbook => LogbookAsync(message, run, ct),
            Intent.AlarmDetails => AlarmAsync(context!.AlarmId!.Value, ct),
            Intent.Thresholds => ThresholdsAsync(message, context, ct),
            _ => Help(),
        };
        await foreach (var item in answer.WithCancellation(ct))
        {
            // The tools this part of the answer called, reported before the text they produced.
            while (tools.Calls.TryDequeue(out var call)) yield return call;
            yield return item;
        }
    }

    /// <summary>Which of the common questions this is; the run it names, if any.</summary>
    public static (Intent Intent, int? Run) Classify(string message, PageContext? context)
    {
        var text = message.ToLowerInvariant();
        var run = RunPattern().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        // "What did the experts do last time?" asks about the earlier episodes (whose notes come along);
        // "what does the logbook say about Y" asks the logbook.
        if (BeforePattern().IsMatch(text) && !text.Contains("logbook")) return (Intent.SimilarBefore, run);
        if (LogbookPattern().IsMatch(text)) return (Intent.Logbook, run);
        // "Why did ECAL alarm only now?", "why is this Bad not confirmed?": the answer is a threshold.
        if (ThresholdPattern().IsMatch(text)) return (Intent.Thresholds, run);
        // "Why is ECAL bad in run 16042?" is about the plot (in that run), not the whole run.
        if (WhyPattern().IsMatch(text)) return (Intent.WhyBad, run);
        if (run is not null) return (Intent.Run, run);
        if (context?.AlarmId is not null && ThisPattern().IsMatch(text)) return (Intent.AlarmDetails, null);
        if (AlarmingPattern().IsMatch(text)) return (Intent.ActiveAlarms, null);
        if (context?.Plot is not null && ThisPattern().IsMatch(text)) return (Intent.WhyBad, null);
        return (Intent.Help, null);
    }

    private async IAsyncEnumerable<ChatEvent> ActiveAlarmsAsync(string message, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var detector = await DetectorInAsync(message, ct);
        var alarms = await tools.ActiveAlarmsAsync(detector, null, ct);
        if (!alarms.Ok) { yield return Cannot("read the alarms", alarms.Error); yield break; }
        var list = alarms.Data!;
        if (list.Count == 0)
        {
            yield return new TextEvent($"Nothing is alarming now{(detector is null ? "" : $" in {detector}")}: Hydra has no active alarm.");
            yield break;
        }
        var text = new StringBuilder($"{Count(list.Count, "active alarm")}{(detector is null ? "" : $" in {detector}")}:\n");
        foreach (var a in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {a.PlotName ?? a.Kind}{(a.RunNumber is { } r ? $" (run {r})" : "")}: {a.Message}; since {Time(a.RaisedAt)}, {a.DurationMinutes:0} min, {Count(a.ImageCount, "image")} [alarm:{a.AlarmId}]\n");
        }
        yield return new TextEvent(text.ToString());
    }

    private async IAsyncEnumerable<ChatEvent> WhyBadAsync(string message, PageContext? context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var plot = await PlotInAsync(message, context, ct);
        if (plot is null) { yield return new TextEvent("Which plot? Name it (e.g. ECAL_adcOccupancy) or a detector (ECAL, DC, FTOF ...), or ask from the plot's card."); yield break; }

        var history = await tools.VerdictHistoryAsync(plot, context?.Run, 200, ct);
        if (!history.Ok) { yield return Cannot($"read {plot}'s verdicts", history.Error); yield break; }
        var latest = history.Data!.Latest.FirstOrDefault();
        if (latest is null) { yield return new TextEvent($"{plot} has no verdict yet."); yield break; }

        var text = new StringBuilder();
        var confidence = latest.Confidence is { } c ? $", confidence {c:0.00}" : "";
        text.Append(CultureInfo.InvariantCulture, $"{plot} in run {latest.RunNumber} is {latest.Classification}{confidence}{(latest.Confirmed ? ", confirmed" : ", unconfirmed")} (chunk {latest.Chunk}, {Time(latest.RecordedAt)}) [image:{latest.ImageId}].");
        var regions = latest.Regions;
        var regionsHeading = "Where the model looked (GradCAM):";
        if (latest.Classification == "Good")
        {
            // Good now: say when it was last bad in this run, and why then.
            text.Append(" It is not bad now.");
            var run = await tools.RunAsync(latest.RunNumber, ct);
            if (run.Data?.Alarms.LastOrDefault(a => a.PlotName == plot && a.Kind == nameof(AlarmKind.BadPlot)) is { } earlier
                && (await tools.AlarmAsync(earlier.AlarmId, ct)).Data is { } details)
            {
                var span = details.Episode is { } e ? $", chunks {e.FirstChunk}-{e.LastChunk} ({Time(e.StartedAt)} to {(e.EndedAt is { } end ? Time(end) : "now")})" : "";
                text.Append(CultureInfo.InvariantCulture, $" It was Bad earlier in run {latest.RunNumber}: {earlier.Message}{span}, {earlier.DurationMinutes:0} min [alarm:{earlier.AlarmId}].");
                regions = details.LatestVerdict?.Regions ?? [];
                regionsHeading = "Where the model looked while it was Bad (GradCAM):";
            }
        }
        else
        {
            if (history.Data.Changes.LastOrDefault() is { } change) text.Append(CultureInfo.InvariantCulture, $" Last change: {change}.");
            if (latest.AlarmId is { } alarmId)
            {
                var alarm = await tools.AlarmAsync(alarmId, ct);
                if (alarm.Ok) text.Append(CultureInfo.InvariantCulture, $" Alarm: {alarm.Data!.Alarm.Message}{(alarm.Data.Episode is { } e ? $", Bad since chunk {e.FirstChunk} ({Time(e.StartedAt)}), {e.DurationMinutes:0} min" : "")} [alarm:{alarmId}].");
            }
            if (regions.Count == 0 && (await tools.RegionsAsync(latest.ImageId, ct)) is { Ok: true } read) regions = read.Data!.Regions;
        }
        yield return new TextEvent(text.Append("\n\n").ToString());

        if (regions.Count > 0)
        {
            var where = new StringBuilder(regionsHeading + "\n");
            foreach (var r in regions) where.Append(CultureInfo.InvariantCulture, $"- {r.Summary} (weight {r.Weight:0.00}){(r.CrateSlots.Count > 0 ? $"; electronics: {string.Join(", ", r.CrateSlots.Take(6))}" : "")}\n");
            yield return new TextEvent(where.Append('\n').ToString());
        }

        // Only entries that name the detector: "why is ECAL bad" is not answered by a DC note.
        var detector = plot.Split('_')[0];
        var logbook = await tools.SearchLogbookAsync($"{detector} {string.Join(' ', regions.Take(1).Select(r => r.Summary))}", latest.RunNumber, 5, ct);
        var about = (logbook.Data ?? []).Where(q => Mentions(q, detector)).Take(3).ToList();
        if (about.Count > 0) yield return new TextEvent(Quotes($"The logbook for run {latest.RunNumber} says about {detector}", about));
    }

    private async IAsyncEnumerable<ChatEvent> RunAsync(int? run, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var info = await tools.RunAsync(run, ct);
        if (!info.Ok) { yield return Cannot($"read run {run}", info.Error); yield break; }
        var r = info.Data!;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run {r.RunNumber}{(r.RunPeriod is null ? "" : $" ({r.RunPeriod})")} started {Time(r.StartedAt)}{(r.EndedAt is { } end ? $" and ended {Time(end)}" : ", still running")}.");
        var conditions = new List<string>();
        if (r.BeamCurrentNanoAmps is { } beam) conditions.Add($"beam {beam:0.#} nA");
        if (r.Target is { } target) conditions.Add($"target {target}");
        if (r.TorusScale is { } torus) conditions.Add($"torus {torus:0.##}");
        if (r.SolenoidScale is { } solenoid) conditions.Add($"solenoid {solenoid:0.##}");
        if (conditions.Count > 0) text.Append(CultureInfo.InvariantCulture, $" Conditions: {string.Join(", ", conditions)}.");
        text.Append(CultureInfo.InvariantCulture, $" {Count(r.PlotTypes, "plot type")} seen, {r.ActiveAlarms} active alarms.\n\n");
        yield return new TextEvent(text.ToString());

        if (r.Alarms.Count > 0)
        {
            var alarms = new StringBuilder($"{Count(r.Alarms.Count, "alarm")} in this run:\n");
            foreach (var a in r.Alarms)
            {
                alarms.Append(CultureInfo.InvariantCulture, $"- {Time(a.RaisedAt)} {a.PlotName ?? a.Kind}: {a.Message}, {(a.Active ? "still active" : $"cleared after {a.DurationMinutes:0} min")} [alarm:{a.AlarmId}]\n");
            }
            yield return new TextEvent(alarms.Append('\n').ToString());
        }
        else
        {
            yield return new TextEvent("No alarm in this run.\n\n");
        }
        var episodes = r.BadEpisodes.Where(e => !r.Alarms.Any(a => a.EpisodeId == e.EpisodeId)).ToList();
        if (episodes.Count > 0)
        {
            var text2 = new StringBuilder("Other episodes that were not Good:\n");
            foreach (var e in episodes.Take(10)) text2.Append(CultureInfo.InvariantCulture, $"- {e.PlotName}: {e.Classification} chunks {e.FirstChunk}-{e.LastChunk}, {e.DurationMinutes:0} min\n");
            yield return new TextEvent(text2.Append('\n').ToString());
        }
        var logbook = await tools.SearchLogbookAsync("", r.RunNumber, 10, ct);
        if (logbook.Ok && logbook.Data!.Count > 0) yield return new TextEvent(Quotes($"The logbook for run {r.RunNumber} says", logbook.Data!.OrderBy(q => q.Time).ToList()));
    }

    private async IAsyncEnumerable<ChatEvent> SimilarAsync(string message, PageContext? context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        long? alarmId = context?.AlarmId;
        var plot = await PlotInAsync(message, context, ct, preferAlarm: alarmId is null);
        if (alarmId is null && plot is not null)
        {
            var active = await tools.ActiveAlarmsAsync(null, null, ct);
            alarmId = active.Data?.FirstOrDefault(a => a.PlotName == plot)?.AlarmId;
        }
        if (plot is null && alarmId is null) { yield return new TextEvent("Which alarm or plot? Ask from an alarm's card, or name the plot (e.g. ECAL_adcOccupancy)."); yield break; }

        var similar = await tools.SimilarEpisodesAsync(plot, alarmId, null, ct);
        if (!similar.Ok) { yield return Cannot("look for earlier episodes", similar.Error); yield break; }
        var s = similar.Data!;
        var about = s.Reference is { } reference
            ? $"{s.PlotName} {reference.Classification} in run {reference.RunNumber} since {Time(reference.StartedAt)}{(alarmId is { } a ? $" [alarm:{a}]" : "")}{(s.ReferenceRegions.Count > 0 ? $", regions: {string.Join("; ", s.ReferenceRegions)}" : "")}"
            : s.PlotName;
        if (s.Similar.Count == 0)
        {
            yield return new TextEvent($"No earlier episode like this one ({about}): Hydra has not seen it before.");
            yield break;
        }
        var text = new StringBuilder($"Yes: {Count(s.Similar.Count, "earlier episode")} like this one ({about}):\n");
        foreach (var e in s.Similar)
        {
            var overlap = e.RegionsOverlap switch { true => "same region", null => "region unknown", _ => "" };
            text.Append(CultureInfo.InvariantCulture, $"- run {e.Episode.RunNumber}, {Time(e.Episode.StartedAt)}: {e.Episode.Classification} ({overlap}{(e.Regions.Count > 0 ? $": {string.Join("; ", e.Regions)}" : "")}), {e.Outcome}.\n");
            foreach (var note in e.LogbookNotes) text.Append(CultureInfo.InvariantCulture, $"  Logbook, {note.Author} at {Time(note.Time)}: “{Excerpt(note)}” [logbook:{note.LogbookId}]\n");
        }
        yield return new TextEvent(text.ToString());
    }

    private async IAsyncEnumerable<ChatEvent> LogbookAsync(string message, int? run, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var subject = AboutPattern().Match(message) is { Success: true } m ? m.Groups[1].Value : message;
        if (run is not null) subject = RunPattern().Replace(subject.ToLowerInvariant(), " ");
        var hits = await tools.SearchLogbookAsync(subject.Trim(' ', '?', '.', '!'), run, 3, ct);
        if (!hits.Ok) { yield return Cannot("search the logbook", hits.Error); yield break; }
        if (hits.Data!.Count == 0)
        {
            yield return new TextEvent($"The logbook has nothing about {subject.Trim(' ', '?', '.', '!')}{(run is null ? "" : $" in run {run}")}.");
            yield break;
        }
        yield return new TextEvent(Quotes($"The logbook{(run is null ? "" : $" for run {run}")} says (best match first)", hits.Data!));
    }

    private async IAsyncEnumerable<ChatEvent> AlarmAsync(long alarmId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var details = await tools.AlarmAsync(alarmId, ct);
        if (!details.Ok) { yield return Cannot($"read alarm {alarmId}", details.Error); yield break; }
        var a = details.Data!.Alarm;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Alarm {a.AlarmId}: {a.Message}{(a.RunNumber is { } r ? $" in run {r}" : "")}, raised {Time(a.RaisedAt)}, {(a.Active ? "still active" : $"cleared after {a.DurationMinutes:0} min")} [alarm:{a.AlarmId}].");
        if (details.Data.Note is { } note) text.Append(' ').Append(note);
        if (details.Data.LatestVerdict is { } v)
        {
            text.Append(CultureInfo.InvariantCulture, $" Latest verdict: {v.Classification}{(v.Confidence is { } c ? $" ({c:0.00})" : "")} at chunk {v.Chunk} [image:{v.ImageId}].");
            foreach (var region in v.Regions) text.Append(CultureInfo.InvariantCulture, $"\n- {region.Summary}");
        }
        yield return new TextEvent(text.Append('\n').ToString());
    }

    private async IAsyncEnumerable<ChatEvent> ThresholdsAsync(string message, PageContext? context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var plot = await PlotInAsync(message, context, ct);
        if (plot is null) { yield return new TextEvent("Which plot? Name it (e.g. ECAL_adcOccupancy) or a detector, or ask from the plot's card."); yield break; }
        var result = await tools.ModelThresholdsAsync(plot, ct);
        if (!result.Ok) { yield return Cannot($"read {plot}'s model", result.Error); yield break; }
        var m = result.Data!;
        if (m.ModelId is null) { yield return new TextEvent($"{plot} has {m.Note}."); yield break; }

        var text = new StringBuilder();
        var activated = m.ActivatedAt is { } at ? $", active since {Time(at)}{(m.ActivatedBy is { } by ? $" ({by})" : "")}" : "";
        text.Append(CultureInfo.InvariantCulture, $"{plot} is judged by {m.ModelName} ({m.Origin}{activated}). ");
        text.Append("A verdict counts as confirmed, and a confirmed Bad with beam raises an alarm, only when its class's confidence reaches the class's threshold:\n");
        foreach (var t in m.Thresholds) text.Append(CultureInfo.InvariantCulture, $"- {t.Classification}: {t.Threshold:0.00}, {t.SetHow} ({Time(t.SetAt)})\n");
        if (m.Thresholds.Count == 0) text.Append("- every class uses Hydra's default threshold\n");
        if (m.Note is { } note && m.LatestVerdict is { } latest) text.Append(CultureInfo.InvariantCulture, $"\nNow {note} (run {latest.RunNumber} chunk {latest.Chunk}, {Time(latest.RecordedAt)}) [image:{latest.ImageId}].\n");
        yield return new TextEvent(text.ToString());
    }

    private static async IAsyncEnumerable<ChatEvent> Help()
    {
        await Task.CompletedTask;
        yield return new TextEvent("I can answer, from Hydra's data: what is alarming now; why is a plot (or detector) bad; what happened in run N; has this happened before; what does the logbook say about a subject; what thresholds a plot's model confirms at, and who set them.");
    }

    private async Task<string?> PlotInAsync(string message, PageContext? context, CancellationToken ct, bool preferAlarm = true)
    {
        var plots = await tools.PlotTypesAsync(null, ct);
        var names = plots.Data ?? [];
        var words = message.Split([' ', ',', '?', '!', '.', ';', ':', '"', '\'', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        if (names.FirstOrDefault(p => words.Any(w => w.Equals(p.Name, StringComparison.OrdinalIgnoreCase))) is { } named) return named.Name;
        var detector = names.Select(p => p.Detector).Distinct().FirstOrDefault(d => words.Any(w => w.Equals(d, StringComparison.OrdinalIgnoreCase)));
        if (detector is null) return context?.Plot ?? (preferAlarm ? (await tools.ActiveAlarmsAsync(null, null, ct)).Data?.FirstOrDefault(a => a.PlotName is not null)?.PlotName : null);

        // A detector named: its plot that is alarming, else its first plot that is not Good.
        var alarms = await tools.ActiveAlarmsAsync(detector, null, ct);
        if (alarms.Data?.FirstOrDefault(a => a.PlotName is not null) is { } alarm) return alarm.PlotName;
        if (context?.Plot is { } contextPlot && contextPlot.StartsWith(detector, StringComparison.OrdinalIgnoreCase)) return contextPlot;
        return names.First(p => p.Detector == detector).Name;
    }

    private async Task<string?> DetectorInAsync(string message, CancellationToken ct)
    {
        var plots = await tools.PlotTypesAsync(null, ct);
        var words = message.Split([' ', ',', '?', '!', '.'], StringSplitOptions.RemoveEmptyEntries);
        return (plots.Data ?? []).Select(p => p.Detector).Distinct().FirstOrDefault(d => words.Any(w => w.Equals(d, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Quotes(string heading, IReadOnlyList<LogbookQuote> quotes)
    {
        var text = new StringBuilder($"{heading}:\n");
        foreach (var q in quotes) text.Append(CultureInfo.InvariantCulture, $"- {Time(q.Time)}, {q.Author}, “{CitationLike().Replace(q.Title, "(…)")}”: “{Excerpt(q)}” [logbook:{q.LogbookId}]\n");
        return text.Append('\n').ToString();
    }

    /// <summary>The entry's text, shortened; shown in quotes, never acted on.</summary>
    private static string Excerpt(LogbookQuote quote)
    {
        var body = CitationLike().Replace(LogbookQuote.Defuse(quote.Body), "(…)");
        return body.Length > QuoteLength ? body[..QuoteLength] + "…" : body;
    }

    private static bool Mentions(LogbookQuote quote, string detector) =>
        quote.Tags.Contains(detector, StringComparer.OrdinalIgnoreCase) ||
        quote.Title.Contains(detector, StringComparison.OrdinalIgnoreCase) || quote.QuotedText.Contains(detector, StringComparison.OrdinalIgnoreCase);

    private static TextEvent Cannot(string what, string? why) => new($"I could not {what}: {why}");

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\brun\s*(?:number\s*|#\s*)?(\d{3,6})\b")]
    private static partial Regex RunPattern();

    [GeneratedRegex(@"\b(logbook|log book|elog|hblog|what did (the )?(experts?|shift|crew) (say|write|do))\b")]
    private static partial Regex LogbookPattern();

    [GeneratedRegex(@"\b(before|again|last time|previously|similar|happened in the past|seen this)\b")]
    private static partial Regex BeforePattern();

    [GeneratedRegex(@"\b(thresholds?|confirm(ed|s)?|unconfirmed|only now)\b")]
    private static partial Regex ThresholdPattern();

    [GeneratedRegex(@"\b(why|what'?s wrong with|what is wrong with|explain)\b")]
    private static partial Regex WhyPattern();

    [GeneratedRegex(@"\b(alarm\w*|wrong|problems?|now|status|bad|broken)\b")]
    private static partial Regex AlarmingPattern();

    [GeneratedRegex(@"\b(this|it)\b")]
    private static partial Regex ThisPattern();

    [GeneratedRegex(@"\babout\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AboutPattern();

    /// <summary>Citation-like text inside a quote is defused: an entry cannot cite on the answer's behalf.</summary>
    [GeneratedRegex(@"\[(alarm|logbook|image)\s*[:#]\s*\d+\]", RegexOptions.IgnoreCase)]
    private static partial Regex CitationLike();
}
