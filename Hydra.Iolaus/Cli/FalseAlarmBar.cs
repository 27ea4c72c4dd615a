using Hydra.Models.Training;

namespace Hydra.Iolaus.Cli;

/// <summary>The false-alarm bar both <c>train</c> (on its held-out split) and <c>calibrate</c> (on a dataset of another seed) hold a model to.</summary>
internal static class FalseAlarmBar
{
    /// <summary>
    /// Holds a model's confirmed false alarms (Bad confirmed on held-out images of other classes) to
    /// <paramref name="maxFalseAlarms"/>: as it is, or with the card's Bad threshold raised as little
    /// as needed, which is the override an expert would make. Below the raised threshold a Bad
    /// verdict is still given, unconfirmed, for review. The model is left out (null) when no
    /// threshold meets the bar or the Bad images it confirms at the threshold it ends with (raised,
    /// lowered or as it was) are fewer than <paramref name="minConfirmedRecall"/>.
    /// </summary>
    /// <param name="evidence">What measured the false alarms, for the card's threshold history; null is the held-out split.</param>
    /// <param name="mayLower">
    /// Move the threshold, down as well as up, to the operating point the shift crew wants: the most
    /// Bad chunks confirmed for the false alarms they accept, rather than max F1 on a small split
    /// (ADR-020), and of the thresholds that confirm those, the highest (ADR-024). Only on evidence
    /// that can bear it: a calibration set of another seed.
    /// </param>
    internal static (ModelCard? Card, string Note) Hold(ModelCard card, Hydra.Models.Evaluation.ModelEvaluation heldOut,
        double maxFalseAlarms, double minConfirmedRecall, string? evidence = null, bool mayLower = false)
    {
        evidence ??= $"the {heldOut.Samples} held-out images";
        var rule = $"at most {maxFalseAlarms:P1} confirmed false alarms";
        var threshold = card.Thresholds["Bad"];
        var falseAlarms = heldOut.ConfirmedFalseRate("Bad", threshold);
        var recall = heldOut.PointAt("Bad", threshold).Recall;
        if (mayLower && heldOut.LowestThresholdWithin("Bad", maxFalseAlarms, 0f) is { } lowest)
        {
            // Up from the lowest while it confirms every Bad image the lowest does: a healthy chunk
            // that scores just above the lowest is a false alarm this evidence did not happen to hold.
            var point = heldOut.HighestKeepingRecall("Bad", lowest);
            if (Math.Abs(point.Threshold - threshold) > 1e-6f)
            {
                var moved = $"Bad threshold {(point.Threshold < threshold ? "lowered" : "raised")} {threshold:0.00} -> {point.Threshold:0.00}, "
                    + $"false alarms {falseAlarms:P1} -> {heldOut.ConfirmedFalseRate("Bad", point.Threshold):P1}: confirmed Bad recall {recall:P0} -> {point.Recall:P0}";
                if (point.Recall < minConfirmedRecall)
                    return (null, $"{moved}, below --min-confirmed-bad-recall {minConfirmedRecall:P0}");
                return (card.WithThreshold("Bad", point.Threshold, $"the highest that confirms as many Bad images as the lowest with {rule}", evidence), moved);
            }
        }
        if (falseAlarms <= maxFalseAlarms)
        {
            // The floor holds here too: a model that meets the bar by confirming too few Bad images is no better than a raised one.
            var asIs = $"Bad threshold {threshold:0.00}: confirmed Bad recall {recall:P0}, false alarms {falseAlarms:P1}";
            return recall < minConfirmedRecall ? (null, $"{asIs}, below --min-confirmed-bad-recall {minConfirmedRecall:P0}") : (card, asIs);
        }

        var stricter = heldOut.LowestThresholdWithin("Bad", maxFalseAlarms, threshold);
        if (stricter is null)
            return (null, $"false alarms {falseAlarms:P1} at Bad threshold {threshold:0.00} and above --max-false-alarms {maxFalseAlarms:P1} at every threshold");
        var raisedFalseAlarms = heldOut.ConfirmedFalseRate("Bad", stricter.Threshold);
        var note = $"Bad threshold raised {threshold:0.00} -> {stricter.Threshold:0.00} for false alarms {falseAlarms:P1} -> {raisedFalseAlarms:P1}: confirmed Bad recall {recall:P0} -> {stricter.Recall:P0}";
        if (stricter.Recall < minConfirmedRecall)
            return (null, $"{note}, below --min-confirmed-bad-recall {minConfirmedRecall:P0}");
        return (card.WithThreshold("Bad", stricter.Threshold, $"the least raise for {rule}", evidence), note);
    }
}
