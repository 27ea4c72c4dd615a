namespace Hydra.Inference.Ingest;

/// <summary>Why an image was refused; each maps to one documented HTTP status.</summary>
public enum IngestErrorKind
{
    /// <summary>400: the run, plot name or chunk is missing or malformed (including path tricks).</summary>
    BadName,

    /// <summary>413: larger than Hydra:Ingest:MaxImageBytes.</summary>
    TooLarge,

    /// <summary>415: the bytes do not start with the PNG signature.</summary>
    NotPng,

    /// <summary>422: a PNG header, but the image cannot be decoded (truncated, corrupt).</summary>
    Undecodable,

    /// <summary>422: declared dimensions beyond Hydra:Ingest:MaxImageSide (a decompression bomb, or nonsense).</summary>
    AbsurdDimensions,

    /// <summary>422: the plot type is not registered and the policy is Refuse.</summary>
    UnknownPlotType,

    /// <summary>503: the database cannot take it now; the caller should retry.</summary>
    Unavailable,
}

public sealed record IngestError(IngestErrorKind Kind, string Message)
{
    public int StatusCode => Kind switch
    {
        IngestErrorKind.BadName => StatusCodes.Status400BadRequest,
        IngestErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        IngestErrorKind.NotPng => StatusCodes.Status415UnsupportedMediaType,
        IngestErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
