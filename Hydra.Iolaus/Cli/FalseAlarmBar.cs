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
    /// threshold meets the bar or the Bad images it still confirms are fewer than
    /// <paramref name="minConfirmedRecall"/>.
    /// </summary>
    /// <param name="evidence">Where the threshold stood and what measured it, for the card's source.</param>
    internal static (ModelCard? Card, string Note) Hold(ModelCard card, Hydra.Models.Evaluation.ModelEvaluation heldOut,
        double maxFalseAlarms, double minConfirmedRecall, string evidence = "(max F1)")
    {
        var threshold = card.Thresholds["Bad"];
        var falseAlarms = heldOut.ConfirmedFalseRate("Bad", threshold);
        var recall = heldOut.PointAt("Bad", threshold).Recall;
        if (falseAlarms <= maxFalseAlarms)
            return (card, $"Bad threshold {threshold:0.00}: confirmed Bad recall {recall:P0}, false alarms {falseAlarms:P1}");

        var stricter = heldOut.LowestThresholdWithin("Bad", maxFalseAlarms, threshold);
        if (stricter is null)
            return (null, $"false alarms {falseAlarms:P1} at Bad threshold {threshold:0.00} and above --max-false-alarms {maxFalseAlarms:P1} at every threshold");
        var raisedFalseAlarms = heldOut.ConfirmedFalseRate("Bad", stricter.Threshold);
        var note = $"Bad threshold raised {threshold:0.00} -> {stricter.Threshold:0.00} for false alarms {falseAlarms:P1} -> {raisedFalseAlarms:P1}: confirmed Bad recall {recall:P0} -> {stricter.Recall:P0}";
        if (stricter.Recall < minConfirmedRecall)
            return (null, $"{note}, below --min-confirmed-bad-recall {minConfirmedRecall:P0}");
        var thresholds = new Dictionary<string, float>(card.Thresholds) { ["Bad"] = stricter.Threshold };
        return (card with { Thresholds = thresholds, Source = $"{card.Source}, Bad threshold raised from {threshold:0.00} {evidence} for at most {maxFalseAlarms:P1} false alarms" }, note);
    }
}
