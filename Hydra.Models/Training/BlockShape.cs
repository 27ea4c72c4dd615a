namespace Hydra.Models.Training;

/// <summary>
/// The sizes one conv block works with once the network's input is known: the convolution reads
/// InChannels x InHeight x InWidth and writes OutChannels x ConvHeight x ConvWidth, which the
/// optional 2 x 2 pool halves (floor) to OutHeight x OutWidth.
/// </summary>
internal sealed record BlockShape(int InChannels, int InHeight, int InWidth, int OutChannels, int Kernel, int Stride, int Padding, bool MaxPool)
{
    public int ConvHeight { get; } = (InHeight + 2 * Padding - Kernel) / Stride + 1;
    public int ConvWidth { get; } = (InWidth + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>P: output positions of the convolution, the columns of the im2col matrix.</summary>
    public int Positions => ConvHeight * ConvWidth;

    /// <summary>K: one kernel's inputs (channel, ky, kx), the rows of the im2col matrix.</summary>
    public int ColumnRows => InChannels * Kernel * Kernel;

    public int OutHeight => MaxPool ? ConvHeight / 2 : ConvHeight;
    public int OutWidth => MaxPool ? ConvWidth / 2 : ConvWidth;
    public int InLength => InChannels * InHeight * InWidth;
    public int OutLength => OutChannels * OutHeight * OutWidth;
    public int WeightCount => OutChannels * ColumnRows;

    /// <summary>
    /// Output rows unfolded at a time: as many as keep a band of the im2col matrix near
    /// <see cref="BandFloats"/> floats. The whole matrix of a 96 x 128 plot's second block is close
    /// to a megabyte; a band stays in the core's cache while every output channel reads it, and
    /// the two cores stop competing for memory bandwidth.
    /// </summary>
    public int BandRows { get; } = Math.Clamp(BandFloats / (InChannels * Kernel * Kernel * ((InWidth + 2 * Padding - Kernel) / Stride + 1)),
        1, (InHeight + 2 * Padding - Kernel) / Stride + 1);

    /// <summary>The largest band's floats: K x BandRows x ConvWidth.</summary>
    public int BandLength => ColumnRows * BandRows * ConvWidth;

    private const int BandFloats = 16 * 1024;
}
