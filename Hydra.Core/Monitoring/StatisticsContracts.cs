namespace Hydra.Core.Monitoring;

/// <summary>Labelling of one detector system: how much is labelled, and with which classes.</summary>
public sealed record DetectorLabelStatistics(string Detector, int Images, int Labelled, IReadOnlyDictionary<string, int> ByClass);

/// <summary>
/// How often the model agreed with the expert on labelled images, for a detector in one run period
/// (null period = all time). Agreement counts a verdict's top class against the image's current label.
/// </summary>
public sealed record ModelAgreement(string Detector, string? RunPeriod, int Judged, int Agreed)
{
    public double Accuracy => Judged == 0 ? 0 : (double)Agreed / Judged;
}

/// <summary>
/// Labelling of one plot type, counted exactly: stored images (pruned ones are gone and not counted),
/// how many carry an expert's current label, and the labels per class.
/// </summary>
public sealed record PlotLabelStatistics(string PlotName, int Images, int Labelled, IReadOnlyDictionary<string, int> ByClass)
{
    public int Unlabelled => Images - Labelled;
}
