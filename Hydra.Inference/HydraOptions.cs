namespace Hydra.Inference;

/// <summary>
/// Everything an operator may tune, bound from the <c>Hydra</c> configuration section
/// (appsettings, environment variables such as <c>Hydra__Ingest__MaxImageBytes</c>, or the AppHost).
/// </summary>
public sealed class HydraOptions
{
    public const string Section = "Hydra";

    public IngestOptions Ingest { get; set; } = new();
    public ClassifierOptions Classifier { get; set; } = new();
    public JudgeOptions Judge { get; set; } = new();
    public WatchdogOptions Watchdog { get; set; } = new();
    public AlarmNotificationOptions Alarms { get; set; } = new();
    public RetentionOptions Retention { get; set; } = new();
    public DefaultModelOptions DefaultModels { get; set; } = new();
}

public sealed class DefaultModelOptions
{
    /// <summary>Install the shipped models for plot types that have none (never touches a plot type the experts have modelled).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folder of <c>&lt;PLOT&gt;.onnx</c> + <c>&lt;PLOT&gt;.json</c>; by default the DefaultModels folder shipped with Inference.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "DefaultModels");

    /// <summary>
    /// How long the classifier waits at start for the defaults to be installed before it judges
    /// with whatever is active. Seeding takes seconds; the bound is for a replica stuck holding the lock.
    /// </summary>
    public TimeSpan WaitAtStart { get; set; } = TimeSpan.FromMinutes(2);
}

public enum UnknownPlotTypePolicy
{
    /// <summary>Store it under a new plot type with no model (verdict NoModel): nothing is thrown away.</summary>
    Register,

    /// <summary>Refuse it with 422: for installations that list their plot types up front.</summary>
    Refuse,
}

public sealed class IngestOptions
{
    /// <summary>Uploads and inbox files above this size are refused (413). mon12's plots are ~100 kB.</summary>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Images wider or taller than this are refused before decoding (decompression bombs).</summary>
    public int MaxImageSide { get; set; } = 4096;

    public UnknownPlotTypePolicy UnknownPlotTypes { get; set; } = UnknownPlotTypePolicy.Register;

    /// <summary>The folder watched for <c>&lt;run&gt;/&lt;PLOT&gt;_&lt;chunk&gt;.png</c>; empty turns the watcher off.</summary>
    public string? InboxPath { get; set; }

    public TimeSpan InboxScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A file must keep its size and time this long before it is read: it may still be being written.</summary>
    public TimeSpan InboxSettleTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A run that receives images ends the open runs before it (one run at a time per hall).</summary>
    public bool EndOlderRunsOnNewRun { get; set; } = true;
}

public sealed class ClassifierOptions
{
    /// <summary>Worker loops per replica; each runs ONNX Runtime on one thread, so 2 uses both cores here.</summary>
    public int Workers { get; set; } = 2;
    public int BatchSize { get; set; } = 16;

    /// <summary>A job pending this long with its worker silent is taken over by another (the worker died).</summary>
    public TimeSpan ClaimAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle worker waits before asking Redis again; bounds the arrival-to-verdict latency.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// A model version no plot type has active (an older one, or one loaded for an evaluation) is
    /// unloaded after going unused this long.
    /// </summary>
    public TimeSpan UnloadIdleModelsAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often stored-but-unqueued images (Redis was down) are queued again.</summary>
    public TimeSpan BacklogSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An image queued this long ago with no verdict, while the stream is empty, lost its job (a
    /// Redis that restarted without its data) and is queued again.
    /// </summary>
    public TimeSpan RequeueLostAfter { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class JudgeOptions
{
    /// <summary>Threshold for a class the model has none for (the original's INIT threshold).</summary>
    public float DefaultThreshold { get; set; } = 0.5f;

    /// <summary>Below this beam current (nA) a confirmed Bad is recorded but raises no alarm (beam off, no physics).</summary>
    public double AlarmBeamCurrentNanoAmps { get; set; } = 1.0;

    /// <summary>Classes whose confirmed verdicts are alarms. The original alarmed on Bad only.</summary>
    public string[] AlarmClasses { get; set; } = ["Bad"];

    /// <summary>Classes whose confirmed verdicts say the image source itself is broken.</summary>
    public string[] ImageSourceClasses { get; set; } = ["NoData"];
}

public sealed class WatchdogOptions
{
    /// <summary>No new image of a plot type for this long during a run raises "no data arriving".</summary>
    public TimeSpan Silence { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class AlarmNotificationOptions
{
    /// <summary>URLs that receive every alarm as a JSON POST (a chat bot, a pager gateway, EPICS bridge).</summary>
    public string[] Webhooks { get; set; } = [];

    /// <summary>When set, each POST carries X-Hydra-Signature: sha256=HMAC(body) so receivers can trust it.</summary>
    public string? WebhookSecret { get; set; }
    public int MaxAttempts { get; set; } = 12;
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class RetentionOptions
{
    /// <summary>PNGs of unlabelled, unalarmed, uncollected images older than this are removed; their verdicts stay.</summary>
    public TimeSpan KeepImagesFor { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
