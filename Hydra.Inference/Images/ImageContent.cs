namespace Hydra.Inference.Images;

/// <summary>
/// The PNG itself, stored in PostgreSQL so every Inference replica can read it (see
/// docs/decisions/ADR-003-images-in-postgres.md).
/// </summary>
public sealed class ImageContent
{
    public long ImageId { get; set; }
    public required byte[] Png { get; set; }
}
