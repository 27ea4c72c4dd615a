using Hydra.Models.Evaluation;

namespace Hydra.Models.Tests;

/// <summary>The enhanced confusion matrix, per-class metrics and the max-F1 threshold sweep, on hand-counted cases.</summary>
public sealed class ModelEvaluationTests
{
    private static readonly string[] Labels = ["Good", "Bad"];

    private static EvaluationSample Sample(string expert, float good) => new(expert, [good, 1 - good]);

    [Fact]
    public void The_confusion_matrix_counts_expert_against_AI_with_a_confidence_histogram_per_cell()
    {
        var evaluation = ModelEvaluation.Evaluate(Labels,
        [
            Sample("Good", 0.95f), Sample("Good", 0.91f), Sample("Good", 0.40f), // two right, one called Bad (0.60)
            Sample("Bad", 0.05f), Sample("Bad", 0.30f), Sample("Bad", 0.80f),    // two right, one called Good (0.80)
            Sample("Cosmic", 0.5f),                                              // a class the model does not know: skipped
        ]);

        Assert.Equal(6, evaluation.Samples);
        Assert.Equal(4.0 / 6, evaluation.Accuracy, 6);
        var goodGood = Cell(evaluation, "Good", "Good");
        Assert.Equal(2, goodGood.Count);
        Assert.Equal(2, goodGood.ConfidenceHistogram[9]); // 0.95 and 0.91 fall in the top bin
        Assert.Equal(1, Cell(evaluation, "Good", "Bad").ConfidenceHistogram[6]); // called Bad at 0.60
        Assert.Equal(1, Cell(evaluation, "Bad", "Good").ConfidenceHistogram[8]); // called Good at 0.80
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 0, 1], Cell(evaluation, "Bad", "Bad").ConfidenceHistogram); // 0.70 and 0.95

        var bad = evaluation.Classes.Single(c => c.Label == "Bad");
        Assert.Equal((3, 2.0 / 3, 2.0 / 3), (bad.Support, bad.Precision, bad.Recall));
    }

    [Fact]
    public void The_sweep_keeps_the_threshold_of_best_F1_and_never_1()
    {
        // Bad verdicts: true ones score 0.9 and 0.95; the false one 0.6. A threshold above 0.6 drops only the false one.
        var evaluation = ModelEvaluation.Evaluate(Labels, [Sample("Bad", 0.10f), Sample("Bad", 0.05f), Sample("Good", 0.40f), Sample("Good", 0.99f)]);
        var bad = evaluation.Thresholds.Single(t => t.Label == "Bad");
        Assert.Equal(0.61f, bad.BestThreshold, 3);
        Assert.Equal(1.0, bad.BestF1, 6);
        Assert.Equal(101, bad.Curve.Count);

        // Perfect at every threshold up to 1.0: the lowest wins, and 1.0 itself would become 0.99.
        var perfect = ModelEvaluation.Evaluate(Labels, [new EvaluationSample("Good", [1f, 0f]), new EvaluationSample("Bad", [0f, 1f])]);
        Assert.All(perfect.Thresholds, t => Assert.Equal(0f, t.BestThreshold));
        var onlyAtTheTop = ModelEvaluation.Evaluate(Labels, [new EvaluationSample("Good", [1f, 0f]), new EvaluationSample("Bad", [0.999f, 0.001f])]);
        Assert.Equal(0.99f, onlyAtTheTop.Thresholds.Single(t => t.Label == "Good").BestThreshold);
    }

    [Fact]
    public void Confirmed_false_alarms_are_the_other_classes_images_confirmed_Bad_at_a_threshold()
    {
        // Four healthy images: one called Bad at 0.60, one at 0.85; two Bad images, both caught.
        var evaluation = ModelEvaluation.Evaluate(Labels,
            [Sample("Good", 0.9f), Sample("Good", 0.8f), Sample("Good", 0.40f), Sample("Good", 0.15f), Sample("Bad", 0.1f), Sample("Bad", 0.2f)]);

        Assert.Equal(2.0 / 4, evaluation.ConfirmedFalseRate("Bad", 0.5f), 6);
        Assert.Equal(1.0 / 4, evaluation.ConfirmedFalseRate("Bad", 0.7f), 6);  // 0.60 is left unconfirmed
        Assert.Equal(0, evaluation.ConfirmedFalseRate("Bad", 0.9f));
        Assert.Equal(0, evaluation.ConfirmedFalseRate("Good", 0.5f));         // no Bad image was called Good
    }

    [Fact]
    public void The_lowest_threshold_within_a_false_alarm_bar_keeps_what_recall_it_can()
    {
        // Healthy images called Bad at 0.60 and 0.85; Bad ones at 0.90 and 0.70.
        var evaluation = ModelEvaluation.Evaluate(Labels,
            [Sample("Good", 0.9f), Sample("Good", 0.8f), Sample("Good", 0.40f), Sample("Good", 0.15f), Sample("Bad", 0.1f), Sample("Bad", 0.3f)]);

        var oneInFour = evaluation.LowestThresholdWithin("Bad", 0.25, from: 0.5f)!;
        Assert.Equal(0.61f, oneInFour.Threshold, 3);   // just above the 0.60 false alarm
        Assert.Equal(1.0, oneInFour.Recall);           // both Bad images (0.70, 0.90) still confirmed
        var none = evaluation.LowestThresholdWithin("Bad", 0, from: 0.5f)!;
        Assert.Equal(0.86f, none.Threshold, 3);        // above 0.85: only the 0.90 Bad image is left
        Assert.Equal(0.5, none.Recall);
        Assert.Null(ModelEvaluation.Evaluate(Labels, [Sample("Good", 0.001f), Sample("Bad", 0.5f)]).LowestThresholdWithin("Bad", 0, 0.5f));
    }

    [Fact]
    public void The_highest_threshold_keeping_recall_stops_below_the_weakest_Bad_image_still_confirmed()
    {
        // The same images: healthy ones called Bad at 0.60 and 0.85, Bad ones at 0.90 and 0.70.
        var evaluation = ModelEvaluation.Evaluate(Labels,
            [Sample("Good", 0.9f), Sample("Good", 0.8f), Sample("Good", 0.40f), Sample("Good", 0.15f), Sample("Bad", 0.1f), Sample("Bad", 0.3f)]);

        var lowest = evaluation.LowestThresholdWithin("Bad", 0.5, from: 0f)!;
        Assert.Equal((0f, 2), (lowest.Threshold, lowest.FalsePositives));
        var top = evaluation.HighestKeepingRecall("Bad", lowest);
        Assert.Equal((0.70f, 1.0), (top.Threshold, top.Recall));   // 0.71 would leave the 0.70 Bad image unconfirmed
        Assert.Equal(1, top.FalsePositives);                       // and the 0.60 false alarm is gone for nothing
        var onlyOne = evaluation.HighestKeepingRecall("Bad", evaluation.LowestThresholdWithin("Bad", 0, from: 0f)!);
        Assert.Equal((0.90f, 0.5), (onlyOne.Threshold, onlyOne.Recall));
        // Never 1: no score quite reaches it.
        var sure = ModelEvaluation.Evaluate(Labels, [Sample("Good", 0.001f), Sample("Bad", 0.001f)]);
        Assert.Equal(0.99f, sure.HighestKeepingRecall("Bad", sure.PointAt("Bad", 0.5f)).Threshold);
    }

    private static ConfusionCell Cell(ModelEvaluation evaluation, string expert, string ai) =>
        evaluation.Confusion.Single(c => c.Expert == expert && c.Ai == ai);
}
