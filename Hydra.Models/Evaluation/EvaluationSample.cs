namespace Hydra.Models.Evaluation;

/// <summary>One labelled image as the model saw it: the expert's class and the model's score for every class.</summary>
public sealed record EvaluationSample(string ExpertLabel, IReadOnlyList<float> Scores);
