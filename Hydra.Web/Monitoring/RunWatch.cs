using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>
/// What a Run page watches: the current run's plots, its active alarms and the news, kept live by
/// Inference's events and reloaded now and then in case one was missed. It also decides the
/// LIVE / STALE / UNREACHABLE state, so the wall never shows old verdicts as if they were current.
/// One per open page; every change runs on the page's dispatcher and ends with <see cref="Changed"/>.
/// A page may pin one run (an earlier run looked back at): it then stays on that run when a newer
/// one starts, and a finished run says PAST instead of shouting STALE.
/// </summary>
public sealed class RunWatch(InferenceApi inference, LiveEvents events, IConfiguration configuration) : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Reload = TimeSpan.FromSeconds(30);
    /// <summary>
    /// A chunk brings ~95 verdicts within a second; one render per verdict would redraw the page 95 times.
    /// Events update the state at once and the page is redrawn at most every this long.
    /// </summary>
    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(200);
    private bool _renderScheduled;
    private readonly System.Collections.Concurrent.ConcurrentQueue<HydraEvent> _inbox = new();
    private int _draining;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, PlotState> _plots = new(StringComparer.Ordinal);
    private readonly Dictionary<long, AlarmView> _alarms = [];
    private Func<Func<Task>, Task> _dispatch = work => work();
    private DateTimeOffset _lastReload;
    /// <summary>The live state and detail the page showed at its last redraw.</summary>
    private (string State, string Detail) _shownLive;

    /// <summary>After every change; the page re-renders.</summary>
    public event Action? Changed;

    /// <summary>A new alarm arrived live (not on a reload): the control room may chime.</summary>
    public event Action<AlarmView>? AlarmRaised;

    public RunView? Run { get; private set; }

    /// <summary>The run this page was opened on, or null to follow the current run.</summary>
    public int? Pinned { get; private set; }
    public IReadOnlyCollection<PlotState> Plots => _plots.Values;
    public IEnumerable<AlarmView> ActiveAlarms => _alarms.Values.OrderByDescending(a => a.RaisedAt);
    public IReadOnlyList<NewsItemView> News { get; private set; } = [];
    public string? Error { get; private set; }
    public DateTimeOffset? LastUpdate { get; private set; }

    /// <summary>No new verdict for this long during a run means the wall must say STALE (Hydra:Web:StaleAfter).</summary>
    public TimeSpan StaleAfter => configuration.GetValue("Hydra:Web:StaleAfter", TimeSpan.FromMinutes(10));

    /// <summary>The run's images stored but not judged yet, as of the last reload.</summary>
    public int ImagesWaiting { get; private set; }

    /// <summary>Inference is still installing its shipped models (a fresh start); the images wait for them.</summary>
    public bool InstallingDefaultModels { get; private set; }

    public string LiveState => Error is not null ? "unreachable"
        : Run is null ? "waiting"
        : Pinned is not null && (Run.EndedAt is not null || IsQuiet) ? "past" // looked back at, not watched
        // Quiet for a known, passing reason: not STALE, which would send the crew looking for a fault.
        : IsQuiet && InstallingDefaultModels ? "starting"
        : IsQuiet ? "stale"
        : "live";

    /// <summary>No verdict for <see cref="StaleAfter"/>.</summary>
    private bool IsQuiet => LastUpdate is null || DateTimeOffset.UtcNow - LastUpdate > StaleAfter;

    public string LiveDetail => LiveState switch
    {
        "unreachable" => Error!,
        "waiting" => Pinned is { } number ? $"run {number} has sent no image" : "no run has sent an image yet",
        "starting" => $"installing the default models{WaitingNote}",
        "stale" => (LastUpdate is null ? "no verdict yet" : $"no new verdict since {LastUpdate.Value.ToLocalTime():HH:mm:ss}") + WaitingNote,
        "past" => Run!.EndedAt is { } ended ? $"ended {ended.ToLocalTime():yyyy-MM-dd HH:mm}"
            : LastUpdate is { } last ? $"last verdict {last.ToLocalTime():yyyy-MM-dd HH:mm}" : "no verdicts",
        _ => $"updated {LastUpdate!.Value.ToLocalTime():HH:mm:ss}",
    };

    /// <summary>
    /// Where a silence is: images that arrived and wait point at Hydra's classifier, none at the
    /// monitoring program that should be sending them.
    /// </summary>
    private string WaitingNote => ImagesWaiting switch
    {
        0 => "",
        1 => "; 1 image waits for its verdict",
        var n => $"; {n} images wait for their verdict",
    };

    public static bool IsBad(PlotState plot) => plot.Latest.Classification == "Bad";

    /// <summary>Starts watching; <paramref name="dispatch"/> is the page's InvokeAsync; <paramref name="run"/> pins one run.</summary>
    public async Task StartAsync(Func<Func<Task>, Task> dispatch, int? run = null)
    {
        _dispatch = dispatch;
        Pinned = run;
        events.Received += OnEvent;
        await LoadAsync();
        _shownLive = (LiveState, LiveDetail); // the page's first render shows these
        _ = TickAsync(_stop.Token);
    }

    /// <summary>Re-evaluates STALE every few seconds and reloads everything now and then, or at once after an error.</summary>
    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await _dispatch(async () =>
                {
                    var reloaded = DateTimeOffset.UtcNow - _lastReload > Reload || Error is not null;
                    if (reloaded) await LoadAsync();
                    // A hundred open pages redrawing every 2 s for nothing is CPU a verdict burst then waits
                    // for: redraw only when the reload brought something or LIVE turns STALE.
                    if (reloaded || (LiveState, LiveDetail) != _shownLive) Redraw();
                });
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task LoadAsync()
    {
        _lastReload = DateTimeOffset.UtcNow;
        var result = Pinned is { } pinned ? await inference.RunAsync(pinned, _stop.Token) : await inference.CurrentRunAsync(_stop.Token);
        Error = result.Error;
        if (result.Error is not null) return;
        News = await inference.NewsAsync(_stop.Token);
        var alarms = await inference.AlarmsAsync(new VerdictQuery(Active: true, Limit: 100), _stop.Token);
        if (alarms.Value is { } active)
        {
            _alarms.Clear();
            foreach (var alarm in active) _alarms[alarm.AlarmId] = alarm;
        }
        var known = new Dictionary<string, PlotState>(_plots, StringComparer.Ordinal);
        _plots.Clear();
        Run = result.Value?.Run;
        foreach (var plot in result.Value?.Plots ?? [])
        {
            // A card redraws when its plot state is a new object: keep the old one when the reload
            // brought nothing the card shows, so the 30 s reload does not redraw 95 cards on every page.
            _plots[plot.PlotName] = known.TryGetValue(plot.PlotName, out var same) && ShowsTheSame(same.Latest, plot.Latest) ? same : plot;
        }
        LastUpdate = result.Value?.LastUpdateAt;
        ImagesWaiting = result.Value?.ImagesWaiting ?? 0;
        InstallingDefaultModels = result.Value?.InstallingDefaultModels ?? false;
    }

    /// <summary>Whether a card would look the same with either verdict (PlotCard, VerdictBadge and CamView read only these).</summary>
    private static bool ShowsTheSame(VerdictView shown, VerdictView fresh) =>
        (shown.VerdictId, shown.ImageId, shown.Chunk, shown.Classification, shown.Confidence, shown.Confirmed, shown.ModelId, shown.HasCam, shown.AlarmId, shown.ReferenceImageId, shown.ReferenceSimilarity)
        == (fresh.VerdictId, fresh.ImageId, fresh.Chunk, fresh.Classification, fresh.Confidence, fresh.Confirmed, fresh.ModelId, fresh.HasCam, fresh.AlarmId, fresh.ReferenceImageId, fresh.ReferenceSimilarity)
        && shown.Regions?.FirstOrDefault()?.Summary == fresh.Regions?.FirstOrDefault()?.Summary;

    /// <summary>
    /// Events queue here and one dispatch drains them all: a chunk's ~95 verdicts cost each open
    /// page one trip through its dispatcher, not 95 (with a hundred pages open, that is the burst).
    /// </summary>
    private void OnEvent(HydraEvent hydraEvent)
    {
        _inbox.Enqueue(hydraEvent);
        if (Interlocked.Exchange(ref _draining, 1) == 0) _ = _dispatch(DrainAsync);
    }

    private async Task DrainAsync()
    {
        var changed = false;
        try
        {
            while (true)
            {
                while (_inbox.TryDequeue(out var hydraEvent)) changed |= await ApplyAsync(hydraEvent);
                Volatile.Write(ref _draining, 0);
                // An event queued after the last dequeue saw the flag still set and did not dispatch: take it now.
                if (_inbox.IsEmpty || Interlocked.Exchange(ref _draining, 1) == 1) break;
            }
        }
        catch
        {
            Volatile.Write(ref _draining, 0); // a failed drain must not leave the page deaf to the next events
            throw;
        }
        finally
        {
            if (changed) ScheduleRender();
        }
    }

    /// <summary>Applies one event to the page's state; false when it does not concern this page.</summary>
    private async Task<bool> ApplyAsync(HydraEvent hydraEvent)
    {
        switch (hydraEvent)
        {
            case VerdictEvent { Verdict: var verdict } when verdict.RunNumber == Run?.RunNumber:
                // Chunks may arrive out of order: the newest chunk wins, as in Redis' run state.
                if (!_plots.TryGetValue(verdict.PlotName, out var known) || known.Latest.Chunk <= verdict.Chunk)
                {
                    _plots[verdict.PlotName] = new PlotState(verdict.PlotName, verdict.Detector, verdict);
                }
                LastUpdate = verdict.JudgedAt;
                return true;
            // A newer run takes over the page, unless the page is pinned to one run.
            case VerdictEvent { Verdict: var verdict } when Pinned is null && (Run is null || verdict.RunNumber > Run.RunNumber):
            case RunChangedEvent { Run: var run } when Pinned is null ? Run is null || run.RunNumber >= Run.RunNumber : run.RunNumber == Pinned:
                await LoadAsync();
                return true;
            case AlarmRaisedEvent { Alarm: var alarm }:
                var isNew = _alarms.TryAdd(alarm.AlarmId, alarm);
                if (isNew) AlarmRaised?.Invoke(alarm);
                return true;
            case AlarmClearedEvent { Alarm: var alarm }:
                _alarms.Remove(alarm.AlarmId);
                return true;
            default:
                return false;
        }
    }

    private void ScheduleRender()
    {
        if (_renderScheduled) return;
        _renderScheduled = true;
        _ = RenderSoonAsync();
    }

    private async Task RenderSoonAsync()
    {
        try { await Task.Delay(RenderEvery, _stop.Token); }
        catch (OperationCanceledException) { return; }
        catch (ObjectDisposedException) { return; }
        await _dispatch(() =>
        {
            _renderScheduled = false;
            Redraw();
            return Task.CompletedTask;
        });
    }

    private void Redraw()
    {
        _shownLive = (LiveState, LiveDetail);
        Changed?.Invoke();
    }

    /// <summary>The page disposes its watch when it closes (the DI scope would only at the circuit's end); twice is harmless.</summary>
    public void Dispose()
    {
        events.Received -= OnEvent;
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _stop.Dispose();
    }
}
