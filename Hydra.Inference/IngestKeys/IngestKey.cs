namespace Hydra.Inference.IngestKeys;

/// <summary>
/// An API key a monitoring source sends with its images. Only the SHA-256 of the key is stored: the
/// keys are 32 random bytes, so a salt or a slow hash adds nothing (as for GitHub's tokens), and a
/// lookup by hash stays one index probe per upload.
/// </summary>
public sealed class IngestKey
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the key, so an Admin can tell keys apart without the key.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
