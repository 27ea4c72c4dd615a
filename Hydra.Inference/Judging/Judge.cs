using Hydra.Core.Monitoring;

namespace Hydra.Inference.Judging;

/// <summary>
/// Step 3 (ARCHITECTURE.md, "Judge"), the original keeper's rules as pure functions so each rule
/// has a table of tests: confirmation by per-class threshold, and the beam gate on alarms.
/// </summary>
public static class Judge
{
    /// <summary>
    /// Confirmed when the top class's confidence reaches that class's threshold for this model;
    /// otherwise Unconfirmed, which sends it to the Log page for a second opinion. NoModel is never confirmed.
    /// </summary>
    public static bool IsConfirmed(string classification, float? confidence, IReadOnlyDictionary<string, float> thresholds, float defaultThreshold)
    {
        if (confidence is not { } score || float.IsNaN(score)) return false;
        var threshold = thresholds.TryGetValue(classification, out var own) ? own : defaultThreshold;
        return score >= threshold;
    }

    /// <summary>
    /// The alarm a verdict raises, if any. Only confirmed verdicts alarm, and only with beam: with
    /// the beam off every plot is empty or "bad" and nobody should be woken for it. An image whose
    /// source sent no beam current is treated as beam on, so a missing number never hides an alarm.
    /// </summary>
    public static AlarmKind? AlarmFor(string classification, bool confirmed, double? beamCurrentNanoAmps, JudgeOptions options)
    {
        if (!confirmed) return null;
        if (beamCurrentNanoAmps is { } beam && beam < options.AlarmBeamCurrentNanoAmps) return null;
        if (options.AlarmClasses.Contains(classification, StringComparer.Ordinal)) return AlarmKind.BadPlot;
        if (options.ImageSourceClasses.Contains(classification, StringComparer.Ordinal)) return AlarmKind.ImageSourceProblem;
        return null;
    }

    public static string AlarmMessage(AlarmKind kind, string plotName, int runNumber, int chunk, float? confidence) => kind switch
    {
        AlarmKind.BadPlot => $"{plotName} is Bad in run {runNumber} from chunk {chunk} (confidence {confidence:0.00})",
        AlarmKind.ImageSourceProblem => $"{plotName} shows no data in run {runNumber} from chunk {chunk}: the monitoring source may be broken",
        _ => $"{plotName}: {kind} in run {runNumber}",
    };
}
