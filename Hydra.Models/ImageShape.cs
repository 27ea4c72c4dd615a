namespace Hydra.Models;

/// <summary>
/// One image as a network sees it: channels, height and width, laid out channel-major
/// (C x H x W) as ONNX and PyTorch expect. Plots are read as grey (one channel: most mon12
/// histograms carry their information in intensity), as RGB (three: colour maps whose hue matters)
/// or as RGB plus the blank channel (four, ADR-018: where the shrunk plot had any bare white, so an
/// empty strip thinner than an input pixel still shows), so no other channel count is accepted.
/// </summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Channels of RGB plus the blank plane (ADR-018).</summary>
    public const int RgbAndBlank = 4;

    /// <summary>The channel counts an input may have, for error messages.</summary>
    public const string ChannelChoices = "1 (grey), 3 (RGB) or 4 (RGB and blank)";

    /// <summary>Whether an input may have <paramref name="channels"/> channels: the one rule the trainer, the CLI and the served contract share.</summary>
    public static bool IsChannelCount(long channels) => channels is 1 or 3 or RgbAndBlank;

    public int Channels { get; } = IsChannelCount(Channels)
        ? Channels
        : throw new ArgumentOutOfRangeException(nameof(Channels), Channels, $"An image has {ChannelChoices} channels.");

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
