namespace Hydra.Inference.Judging;

/// <summary>
/// When Hydra is blind. During a run, a plot type with no new image for the silence span is
/// silent; when every plot type of the run is silent the monitoring itself has stopped, and that
/// is one alarm, not ninety-five.
/// </summary>
public static class WatchdogRules
{
    /// <summary>A silent plot type, or (PlotTypeId null) the whole monitoring.</summary>
    public sealed record Silence(int? PlotTypeId, string? PlotName, DateTimeOffset LastImageAt);

    public static IReadOnlyList<Silence> Evaluate(IReadOnlyList<(int PlotTypeId, string PlotName, DateTimeOffset LastImageAt)> lastImages, DateTimeOffset now, TimeSpan silence)
    {
        if (lastImages.Count == 0) return [];
        var silent = lastImages.Where(p => now - p.LastImageAt >= silence).ToList();
        if (silent.Count == 0) return [];
        if (silent.Count == lastImages.Count) return [new Silence(null, null, lastImages.Max(p => p.LastImageAt))];
        return silent.Select(p => new Silence(p.PlotTypeId, p.PlotName, p.LastImageAt)).ToList();
    }

    public static string Message(Silence silence, int runNumber, DateTimeOffset now)
    {
        var minutes = Math.Max(1, (int)(now - silence.LastImageAt).TotalMinutes);
        return silence.PlotName is null
            ? $"No images from the monitoring for {minutes} min in run {runNumber}: Hydra is blind"
            : $"{silence.PlotName}: no new image for {minutes} min in run {runNumber}";
    }
}
