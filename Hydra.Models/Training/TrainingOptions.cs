namespace Hydra.Models.Training;

/// <summary>
/// How <see cref="CamTrainer"/> trains. The defaults suit the small CAM networks Hydra serves:
/// Adam at PyTorch's default rate, the original's 95/5 split and class balancing, early stopping
/// after five epochs without a better validation loss.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The most epochs to run; early stopping usually ends sooner.</summary>
    public int Epochs { get; init; } = 50;

    public int BatchSize { get; init; } = 32;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>How the learning rate changes over the epochs.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>SGD's momentum; Adam ignores it.</summary>
    public float Momentum { get; init; } = 0.9f;

    /// <summary>L2 weight decay added to every gradient; 0 for none.</summary>
    public float WeightDecay { get; init; }

    /// <summary>Epochs without a validation loss lower than the best by <see cref="MinImprovement"/> before training stops.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>How much lower a validation loss must be than the best so far to count as better.</summary>
    public double MinImprovement { get; init; }

    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Seeds the initial weights, the split and every epoch's sampling and order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The label whose count every class is resampled to.</summary>
    public string BadLabel { get; init; } = "Bad";

    /// <summary>What a new network subtracts from its images before the first block (a fine-tuned one keeps its parent's); see ADR-009.</summary>
    public InputReferenceKind InputReference { get; init; } = InputReferenceKind.None;

    /// <summary>The label whose mean training image is the <see cref="InputReferenceKind.MeanGood"/> reference.</summary>
    public string GoodLabel { get; init; } = "Good";

    /// <summary>A new network's conv blocks' output channels (a fine-tuned one keeps its parent's).</summary>
    public IReadOnlyList<int> BlockChannels { get; init; } = [8, 16];

    public int KernelSize { get; init; } = 3;

    /// <summary>
    /// The first conv block's stride (a fine-tuned network keeps its parent's). 2 lets a network read
    /// an input twice as fine each way for the cost of one at the usual size: a 3 x 3 kernel at
    /// stride 2 still touches every input pixel, so a dead strip one fine pixel wide reaches the
    /// first feature maps with twice the contrast it keeps after averaging to the coarser size.
    /// </summary>
    public int FirstBlockStride { get; init; } = 1;

    /// <summary>How a new network's head pools its class maps (a fine-tuned one keeps its parent's).</summary>
    public Networks.CamPooling HeadPooling { get; init; } = Networks.CamPooling.Mean;
    public bool MaxPool { get; init; } = true;

    /// <summary>Images of a batch run at once; the result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        Positive(Epochs, nameof(Epochs));
        Positive(BatchSize, nameof(BatchSize));
        Positive(Patience, nameof(Patience));
        Positive(MaxDegreeOfParallelism, nameof(MaxDegreeOfParallelism));
        Positive(FirstBlockStride, nameof(FirstBlockStride));
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be positive.");
        if (Momentum is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Must lie in [0, 1).");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Must not be negative.");
        if (MinImprovement < 0) throw new ArgumentOutOfRangeException(nameof(MinImprovement), MinImprovement, "Must not be negative.");
        ArgumentNullException.ThrowIfNull(BadLabel);
        ArgumentNullException.ThrowIfNull(GoodLabel);
        ArgumentNullException.ThrowIfNull(BlockChannels);
        if (BlockChannels.Count == 0) throw new ArgumentException("At least one conv block.", nameof(BlockChannels));
    }

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, "Must be at least 1.");
    }

    internal IOptimizer CreateOptimizer() => Optimizer switch
    {
        OptimizerKind.Adam => new Adam(LearningRate, weightDecay: WeightDecay),
        OptimizerKind.Sgd => new SgdMomentum(LearningRate, Momentum, WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Not an optimizer."),
    };
}

/// <summary>What a network subtracts from every image before its first block.</summary>
public enum InputReferenceKind
{
    /// <summary>Nothing: the conv blocks read pixels / 255.</summary>
    None,

    /// <summary>
    /// The mean of the training split's Good images (all training images if none is Good): the
    /// conv blocks read how an image differs from the plot type's usual look, so a dead block or a
    /// hot strip stands out from the axes, titles and the plot's own shape.
    /// </summary>
    MeanGood,
}

/// <summary>How the learning rate changes over the epochs.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate every epoch.</summary>
    Constant,

    /// <summary>
    /// Cosine annealing over <see cref="TrainingOptions.Epochs"/>: epoch e (1-based) runs at
    /// rate x (1 + cos(pi (e - 1) / Epochs)) / 2, from the full rate down towards zero.
    /// </summary>
    Cosine,
}
