namespace Hydra.Core.Monitoring;

/// <summary>Where a plot type's reference image came from.</summary>
public static class ReferenceSources
{
    /// <summary>Set by an expert through the API; wins until cleared.</summary>
    public const string Expert = "expert";

    /// <summary>The newest confirmed Good image of the same plot type and run conditions.</summary>
    public const string Automatic = "automatic";
}

/// <summary>
/// The Good image new images of a plot type are compared with (the Siamese reference similarity,
/// ADR-010). <see cref="SetBy"/> and <see cref="SetAt"/> are the expert's, null for an automatic choice.
/// </summary>
public sealed record PlotReferenceView(string PlotName, long ImageId, int RunNumber, int Chunk, string Source, string? SetBy, DateTimeOffset? SetAt);

/// <summary>An expert's choice of reference image for a plot type.</summary>
public sealed record SetReferenceRequest(long ImageId, string SetBy);
