using Hydra.Core.Monitoring;

namespace Hydra.Inference.Models;

/// <summary>
/// The confidence a model's class needs before its verdict counts as Confirmed. Set by the
/// threshold sweep (method "max_f1"), by default ("init") or by an expert (method = their name),
/// as in the original's ModelThresholds, or, for a shipped default model, held to a false-alarm bar
/// when it was made ("false_alarm_bar", with the bar and its evidence in <see cref="Basis"/>).
/// </summary>
public sealed class ModelThreshold
{
    /// <summary>The method of a threshold nobody chose: the configured default.</summary>
    public const string Initial = ThresholdMethods.Initial;

    /// <summary>The method of a threshold a held-out evaluation's sweep chose (max F1).</summary>
    public const string Swept = ThresholdMethods.Swept;

    /// <summary>
    /// The method of a threshold <c>iolaus train</c> or <c>calibrate</c> set so the model confirms
    /// Bad on few enough healthy images (ADR-015, ADR-019): max F1 would alarm more than the shift
    /// crew accepts. Automatic like the sweep, so an evaluation on real labels may replace it.
    /// </summary>
    public const string FalseAlarmBar = ThresholdMethods.FalseAlarmBar;

    /// <summary>The longest <see cref="Basis"/> may be (the column's length).</summary>
    public const int MaxBasisLength = 300;

    public Guid ModelId { get; set; }
    public required string Classification { get; set; }
    public float Threshold { get; set; }
    public required string Method { get; set; }
    public string? SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }

    /// <summary>For <see cref="FalseAlarmBar"/>: the bar and what measured it, e.g. "the lowest with at most 0.5 % confirmed false alarms, on 1000 images of cal20".</summary>
    public string? Basis { get; set; }

    /// <summary>An expert set it (the method is their name): evaluations and new default models leave it alone.</summary>
    public bool SetByExpert => !AutomaticMethods.Contains(Method);

    /// <summary>The methods no person chose: anything else is an expert's name.</summary>
    public static readonly string[] AutomaticMethods = [Initial, Swept, FalseAlarmBar];
}
