namespace Hydra.Core.Classifications;

/// <summary>
/// The classes an expert can give a monitoring image, as in the original Hydra. Each plot type
/// allows a subset (an occupancy plot has no "LED" class). Stored by name, so adding a class
/// needs no schema change.
/// </summary>
public enum Classification
{
    Good,
    Bad,
    NoData,
    Acceptable,
    Warning,
    HotChannel,
    Cosmic,
    LED,
    Source,
    Amorphous,

    /// <summary>Excluded from training: the image says nothing useful either way.</summary>
    Ignore,
}

/// <summary>Outcomes of the pipeline that are not a class a model was trained on.</summary>
public static class VerdictOutcomes
{
    /// <summary>The plot type has no active model, so the image is stored but not judged.</summary>
    public const string NoModel = "NoModel";

    /// <summary>The plot type is marked ignored: its images are stored but never judged or alarmed on.</summary>
    public const string Ignored = "Ignored";

    /// <summary>The active model could not judge this image (it failed to load or to run); logged with the reason.</summary>
    public const string ModelError = "ModelError";
}
