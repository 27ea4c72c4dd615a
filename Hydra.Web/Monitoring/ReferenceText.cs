using System.Globalization;

namespace Hydra.Web.Monitoring;

/// <summary>How the reference similarity (ADR-010) reads on a card and beside the reference image.</summary>
public static class ReferenceText
{
    /// <summary>Below this an image looks unlike its Good reference: worth a look even when the model says Good.</summary>
    public const float Unlike = 0.9f;

    public static string Similarity(float similarity) =>
        $"like reference {similarity.ToString("0.00", CultureInfo.InvariantCulture)}{(similarity < Unlike ? " — differs" : "")}";
}
