namespace Hydra.Models.Evaluation;

/// <summary>
/// How a model does on labelled images, as the original's Library page showed it: the enhanced
/// confusion matrix (expert label x AI label, each cell with a histogram of the AI's top confidence),
/// precision, recall and F1 per class, and per class the confirmation threshold that maximises F1.
/// </summary>
public sealed record ModelEvaluation(
    IReadOnlyList<string> Labels,
    int Samples,
    double Accuracy,
    IReadOnlyList<ConfusionCell> Confusion,
    IReadOnlyList<ClassMetrics> Classes,
    IReadOnlyList<ThresholdSweep> Thresholds)
{
    public const int ConfidenceBins = 10;

    /// <summary>Evaluates scores against expert labels; samples whose label the model does not know are skipped.</summary>
    public static ModelEvaluation Evaluate(IReadOnlyList<string> labels, IEnumerable<EvaluationSample> samples)
    {
        var known = samples.Where(s => labels.Contains(s.ExpertLabel) && s.Scores.Count == labels.Count).ToList();
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var judged = known.Select(s => (Expert: index[s.ExpertLabel], Top: ArgMax(s.Scores), s.Scores)).ToList();

        var cells = new List<ConfusionCell>();
        for (var expert = 0; expert < labels.Count; expert++)
        {
            for (var ai = 0; ai < labels.Count; ai++)
            {
                var histogram = new int[ConfidenceBins];
                foreach (var j in judged.Where(j => j.Expert == expert && j.Top == ai))
                {
                    histogram[Math.Min(ConfidenceBins - 1, (int)(j.Scores[ai] * ConfidenceBins))]++;
                }
                cells.Add(new ConfusionCell(labels[expert], labels[ai], histogram.Sum(), histogram));
            }
        }

        var classes = labels.Select((label, c) => Metrics(label, judged.Count(j => j.Expert == c && j.Top == c),
            judged.Count(j => j.Expert != c && j.Top == c), judged.Count(j => j.Expert == c && j.Top != c))).ToList();
        var thresholds = labels.Select((label, c) => Sweep(label, c, judged)).ToList();
        var accuracy = judged.Count == 0 ? 0 : (double)judged.Count(j => j.Expert == j.Top) / judged.Count;
        return new ModelEvaluation(labels, judged.Count, accuracy, cells, classes, thresholds);
    }

    /// <summary>
    /// Thresholds 0, 0.01, ..., 1: an image counts as this class only when it is the top class and its
    /// score reaches the threshold. The best F1 wins (the lowest threshold among equals, so fewer verdicts
    /// are left unconfirmed); 1.0 becomes 0.99, as in the original, because no score ever quite reaches 1.
    /// </summary>
    private static ThresholdSweep Sweep(string label, int c, List<(int Expert, int Top, IReadOnlyList<float> Scores)> judged)
    {
        var curve = new List<ThresholdPoint>(101);
        for (var step = 0; step <= 100; step++)
        {
            var threshold = step / 100f;
            var truePositives = judged.Count(j => j.Expert == c && j.Top == c && j.Scores[c] >= threshold);
            var falsePositives = judged.Count(j => j.Expert != c && j.Top == c && j.Scores[c] >= threshold);
            var falseNegatives = judged.Count(j => j.Expert == c) - truePositives;
            var metrics = Metrics(label, truePositives, falsePositives, falseNegatives);
            curve.Add(new ThresholdPoint(threshold, metrics.Precision, metrics.Recall, metrics.F1) { FalsePositives = falsePositives });
        }
        var best = curve.OrderByDescending(p => p.F1).ThenBy(p => p.Threshold).First();
        return new ThresholdSweep(label, best.Threshold >= 1f ? 0.99f : best.Threshold, best.F1, curve);
    }

    /// <summary>
    /// Share of the images the expert gave another class that the model confirms as
    /// <paramref name="label"/> at <paramref name="threshold"/>: for Bad, how often a healthy (or
    /// empty) plot would raise an alarm. 0 when there are no such images.
    /// </summary>
    public double ConfirmedFalseRate(string label, float threshold) => FalseRate(label, PointAt(label, threshold));

    /// <summary>The sweep's point for <paramref name="label"/> at <paramref name="threshold"/> (to the sweep's 0.01 steps): its precision, recall, false positives.</summary>
    public ThresholdPoint PointAt(string label, float threshold)
    {
        var curve = CurveOf(label);
        return curve[Math.Clamp((int)MathF.Round(threshold * 100), 0, curve.Count - 1)];
    }

    private double FalseRate(string label, ThresholdPoint point)
    {
        var others = Samples - Classes.Single(c => c.Label == label).Support;
        return others == 0 ? 0 : (double)point.FalsePositives / others;
    }

    /// <summary>
    /// The lowest threshold, from <paramref name="from"/> up and below 1, at which
    /// <see cref="ConfirmedFalseRate"/> of <paramref name="label"/> is at most
    /// <paramref name="maxFalseRate"/>; its point on the sweep gives the recall left there. Null when
    /// no threshold below 1 is that strict.
    /// </summary>
    public ThresholdPoint? LowestThresholdWithin(string label, double maxFalseRate, float from) =>
        CurveOf(label)
            .FirstOrDefault(p => p.Threshold >= from - 1e-6f && p.Threshold < 1f && FalseRate(label, p) <= maxFalseRate);

    /// <summary>
    /// The highest threshold below 1, from <paramref name="from"/> up, that still confirms every
    /// <paramref name="label"/> image <paramref name="from"/> confirms: the top of the span where a
    /// stricter threshold costs nothing on this evidence, and leaves fewer images of other classes.
    /// </summary>
    public ThresholdPoint HighestKeepingRecall(string label, ThresholdPoint from) =>
        CurveOf(label)
            .SkipWhile(p => p.Threshold < from.Threshold - 1e-6f)
            .TakeWhile(p => p.Threshold < 1f && p.Recall >= from.Recall)
            .LastOrDefault() ?? from;

    private IReadOnlyList<ThresholdPoint> CurveOf(string label) => Thresholds.Single(t => t.Label == label).Curve;

    private static ClassMetrics Metrics(string label, int truePositives, int falsePositives, int falseNegatives)
    {
        var precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 0 : (double)truePositives / (truePositives + falseNegatives);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, truePositives + falseNegatives, precision, recall, f1);
    }

    private static int ArgMax(IReadOnlyList<float> scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Count; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }
}

/// <summary>Images the expert called <see cref="Expert"/> and the model <see cref="Ai"/>, with a histogram of the model's confidence (10 bins over 0..1).</summary>
public sealed record ConfusionCell(string Expert, string Ai, int Count, IReadOnlyList<int> ConfidenceHistogram);

/// <summary>Per-class figures; <see cref="Support"/> is how many images the expert gave this class.</summary>
public sealed record ClassMetrics(string Label, int Support, double Precision, double Recall, double F1);

public sealed record ThresholdSweep(string Label, float BestThreshold, double BestF1, IReadOnlyList<ThresholdPoint> Curve);

public sealed record ThresholdPoint(float Threshold, double Precision, double Recall, double F1)
{
    /// <summary>Images of other classes confirmed as this one at <see cref="Threshold"/>.</summary>
    public int FalsePositives { get; init; }
}
