namespace Hydra.Web.Monitoring;

/// <summary>
/// The part of a model evaluation (Hydra.Models' ModelEvaluation, read as JSON) that the Library
/// shows. Web does not reference Hydra.Models: it would pull ONNX Runtime into a page server.
/// </summary>
public sealed record EvaluationView(
    IReadOnlyList<string> Labels,
    int Samples,
    double Accuracy,
    IReadOnlyList<EvaluationCell> Confusion,
    IReadOnlyList<EvaluationClass> Classes,
    IReadOnlyList<EvaluationSweep> Thresholds);

/// <summary>Expert label x AI label, with the histogram of the AI's top confidence (10 bins over 0..1).</summary>
public sealed record EvaluationCell(string Expert, string Ai, int Count, IReadOnlyList<int> ConfidenceHistogram);

public sealed record EvaluationClass(string Label, int Support, double Precision, double Recall, double F1);

public sealed record EvaluationSweep(string Label, float BestThreshold, double BestF1);
