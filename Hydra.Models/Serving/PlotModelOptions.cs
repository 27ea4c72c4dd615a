namespace Hydra.Models.Serving;

/// <summary>How a <see cref="PlotModel"/> uses the machine.</summary>
/// <param name="IntraOpThreads">
/// Threads ONNX Runtime may use inside one operator. One by default: the pipeline scales by
/// running one worker per core, and a small CNN gains little from splitting a convolution, while
/// two sessions each spinning up a pool per core would fight over the same cores.
/// </param>
public sealed record PlotModelOptions(int IntraOpThreads = 1)
{
    public int IntraOpThreads { get; } = IntraOpThreads >= 1
        ? IntraOpThreads
        : throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "At least one thread.");
}
