namespace Hydra.Models;

/// <summary>
/// One image as a network sees it: channels, height and width, laid out channel-major
/// (C x H x W) as ONNX and PyTorch expect. Plots are either read as grey (one channel: most
/// mon12 histograms carry their information in intensity) or as RGB (three: colour maps whose
/// hue matters), so no other channel count is accepted.
/// </summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int Channels { get; } = Channels is 1 or 3
        ? Channels
        : throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "An image has 1 (grey) or 3 (RGB) channels.");

    public int Height { get; } = Height > 0
        ? Height
        : throw new ArgumentOutOfRangeException(nameof(Height), Height, "An image is at least one pixel high.");

    public int Width { get; } = Width > 0
        ? Width
        : throw new ArgumentOutOfRangeException(nameof(Width), Width, "An image is at least one pixel wide.");

    /// <summary>Floats in one image's tensor: C x H x W.</summary>
    public int Length => Channels * Height * Width;

    public override string ToString() => $"{Channels} x {Height} x {Width}";
}
