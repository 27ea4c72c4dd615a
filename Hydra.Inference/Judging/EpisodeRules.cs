namespace Hydra.Inference.Judging;

/// <summary>
/// Where an episode ends: the original's IsTransition. A verdict continues the open episode of its
/// plot type in its run when it has the same classification; anything else closes it and opens the
/// next. Confirmation does not split an episode (an Unconfirmed Bad between two Confirmed Bads is
/// still the same Bad stretch); it only counts toward <c>ConfirmedCount</c>.
/// </summary>
public static class EpisodeRules
{
    public static bool Continues(string? openClassification, bool openHasEnded, string classification) =>
        openClassification is not null && !openHasEnded && string.Equals(openClassification, classification, StringComparison.Ordinal);
}
