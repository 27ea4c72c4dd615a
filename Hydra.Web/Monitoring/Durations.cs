namespace Hydra.Web.Monitoring;

/// <summary>Durations as a shifter says them: "40 min", "2 h 05 min", "12 s".</summary>
public static class Durations
{
    public static string Describe(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 60 => $"{Math.Max(0, (int)duration.TotalSeconds)} s",
        < 3600 => $"{(int)duration.TotalMinutes} min",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes:00} min",
    };
}
