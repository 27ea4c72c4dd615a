namespace Hydra.Models.Serving;

/// <summary>
/// The verdict on one plot: every class's probability, the most probable class and, to explain
/// it, that class's activation map.
/// </summary>
public sealed record Prediction(float[] Probabilities, int TopClass, string TopLabel, float TopScore, CamMap Cam);
