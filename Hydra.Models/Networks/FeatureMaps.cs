namespace Hydra.Models.Networks;

/// <summary>A batch of activations, N x C x H x W row-major, as they pass between layers.</summary>
public sealed record FeatureMaps(int Batch, int Channels, int Height, int Width, float[] Values)
{
    public float this[int n, int c, int y, int x] => Values[((n * Channels + c) * Height + y) * Width + x];
}
