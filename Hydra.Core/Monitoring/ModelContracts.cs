namespace Hydra.Core.Monitoring;

/// <summary>One model version of a plot type, as the Library page lists it.</summary>
public sealed record ModelView(
    Guid ModelId,
    string PlotName,
    string Name,
    Guid? ParentModelId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Labels,
    int InputChannels,
    int InputHeight,
    int InputWidth,
    string Origin,
    string FileSha256,
    bool IsActive,
    IReadOnlyList<ThresholdView> Thresholds);

/// <summary>
/// A class's confirmation threshold and who set it: "init", "max_f1", "false_alarm_bar" (a shipped
/// default held to a false-alarm bar; <paramref name="Basis"/> says which and on what), or an expert's name.
/// </summary>
public sealed record ThresholdView(string Classification, float Threshold, string Method, string? SetBy, DateTimeOffset SetAt, string? Basis = null);

/// <summary>The <see cref="ThresholdView.Method"/>s no person chose; any other method is an expert's name.</summary>
public static class ThresholdMethods
{
    /// <summary>Nobody chose it: the configured default.</summary>
    public const string Initial = "init";

    /// <summary>A held-out evaluation's sweep chose it (max F1).</summary>
    public const string Swept = "max_f1";

    /// <summary>A shipped default held to a false-alarm bar when it was made; the basis says which, on what.</summary>
    public const string FalseAlarmBar = "false_alarm_bar";
}

/// <summary>
/// What evaluating a model did to its thresholds: the part of the evaluate call's answer a page shows
/// (the evaluation itself is read with GET .../evaluation). Inference answers with these fields and
/// the evaluation beside them.
/// </summary>
/// <param name="ThresholdsKept">Classes whose threshold the sweep would have moved but did not, and why.</param>
public sealed record EvaluationThresholds(bool HeldOutOnly, IReadOnlyList<string> ThresholdsAdopted, IReadOnlyDictionary<string, string> ThresholdsKept);

/// <summary>An expert's override of one threshold.</summary>
public sealed record ThresholdRequest(float Threshold, string SetBy);

/// <summary>A change of a plot type's active model; the history makes "roll back" mean something.</summary>
public sealed record ActivationView(string PlotName, Guid? ModelId, DateTimeOffset ActivatedAt, string ActivatedBy);

/// <summary>The labelled images a model version was trained from (held-out ones included), per label; empty for an imported version.</summary>
public sealed record TrainingSetView(Guid ModelId, int Images, int HeldOut, IReadOnlyDictionary<string, int> ByLabel, IReadOnlyList<long> ImageIds);
