namespace Hydra.Models.Embeddings;

/// <summary>
/// Turns plot PNGs into vectors whose distances say how alike two plots look: the shared encoder
/// of clustering and of the reference similarity (ADR-010). Safe to share between threads.
/// </summary>
public interface IImageEmbedder
{
    /// <summary>A short name for logs, benches and the API ("resnet18", "plot-model").</summary>
    string Name { get; }

    /// <summary>One vector per PNG, all of the same length.</summary>
    /// <exception cref="Imaging.ImageDecodeException">A PNG cannot be decoded.</exception>
    float[][] Embed(IReadOnlyList<byte[]> pngs);
}
