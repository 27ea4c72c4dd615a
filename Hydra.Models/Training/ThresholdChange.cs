namespace Hydra.Models.Training;

/// <summary>
/// One change <c>train</c> or <c>calibrate</c> made to a model card's threshold, kept on the card
/// the way the registry keeps an expert's override: what it was, what it became, the bar it had to
/// meet and what measured it. The history says why a default model alarms where it does without
/// growing the card's <see cref="ModelCard.Source"/> with every calibration.
/// </summary>
/// <param name="Label">The class whose threshold changed, e.g. "Bad".</param>
/// <param name="Rule">The bar the new threshold meets, e.g. "at most 0.5 % confirmed false alarms".</param>
/// <param name="Evidence">What the bar was measured on, e.g. "1000 images of calibration-seed2".</param>
/// <param name="At">When; null for changes recorded before cards kept a structured history.</param>
public sealed record ThresholdChange(string Label, float From, float To, string Rule, string Evidence, DateTimeOffset? At);
