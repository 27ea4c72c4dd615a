using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>
/// Which images an expert may make a plot type's reference from the pages. Inference accepts any
/// image of the plot type; Web offers only Good ones, because the reference similarity measures how
/// alike an image looks to a Good one: a Bad or NoData reference would call faulty images "like
/// reference" and good ones "differs", silently turning the Run page's hint upside down. "Good"
/// means what the automatic choice means (ADR-010): an expert's current label says Good, or, with no
/// label, Hydra's verdict is a confirmed Good. A label wins over the verdict either way: an expert
/// who sees that an unconfirmed image is Good labels it first, which records that judgement too.
/// </summary>
public static class ReferenceChoice
{
    /// <summary>Null when the image may be the reference, else why not, in words for the page.</summary>
    public static string? WhyNot(VerdictView verdict, IReadOnlyList<LabelView> labelHistory)
    {
        // Oldest first; the last entry is the current label (null = erased).
        if (labelHistory.Count > 0 && labelHistory[^1] is { Classification: { } label } current)
        {
            return label == "Good" ? null : $"{current.By} labelled this image {label}; only a Good image can be the reference.";
        }
        if (verdict.Classification == "Good") return verdict.Confirmed ? null : "Hydra's Good verdict is unconfirmed; label the image Good first to use it as the reference.";
        return $"Hydra judged this image {verdict.Classification}; only a Good image (labelled, or a confirmed verdict) can be the reference.";
    }

    /// <summary>Where the reference new images are compared with comes from, for everyone to read.</summary>
    public static string Describe(PlotReferenceView? reference) => reference switch
    {
        null => "No reference yet: no expert chose one and no image of these run conditions is labelled or confirmed Good.",
        { Source: ReferenceSources.Expert } => $"Expert reference: image {reference.ImageId} (run {reference.RunNumber}, chunk {reference.Chunk}), set by {reference.SetBy} on {reference.SetAt?.ToLocalTime():yyyy-MM-dd HH:mm}.",
        _ => $"Automatic reference: image {reference.ImageId} (run {reference.RunNumber}, chunk {reference.Chunk}), the newest Good image of these run conditions; no expert chose one.",
    };
}
