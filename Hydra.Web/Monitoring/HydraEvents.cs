using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>
/// The RG-L "Hydra events": alarm episodes sorted by how long a Bad plot lasted, which tells how the
/// problem ended — quick (&lt; 1 h, fixed on shift), reset by a new run (1–2 h), or caught by someone
/// else (&gt; 2 h, Hydra's alarm was not enough).
/// </summary>
public static class HydraEvents
{
    public const string Quick = "quick (< 1 h)";
    public const string ResetByNewRun = "reset by a new run (1–2 h)";
    public const string CaughtByOthers = "caught by others (> 2 h)";
    public const string Ongoing = "still active";

    public static readonly string[] Categories = [Quick, ResetByNewRun, CaughtByOthers, Ongoing];

    public static string Categorise(AlarmView alarm) => alarm.ClearedAt is not { } cleared ? Ongoing
        : (cleared - alarm.RaisedAt).TotalHours switch
        {
            < 1 => Quick,
            <= 2 => ResetByNewRun,
            _ => CaughtByOthers,
        };
}
