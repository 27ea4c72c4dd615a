using Hydra.Models.Networks;
using Hydra.Models.Training;

namespace Hydra.Models.Tests;

/// <summary>One training run on <see cref="SyntheticPlots"/>, shared by the tests that need a trained network.</summary>
public sealed class TrainedSyntheticModel
{
    internal static readonly TrainingOptions Options = new() { Epochs = 15, BatchSize = 16, LearningRate = 0.01f, Patience = 5, Seed = 3 };

    public TrainedSyntheticModel()
    {
        Data = SyntheticPlots.Create(seed: 1);
        Result = new CamTrainer(Options).Train(Data);
    }

    public TrainingData Data { get; }
    public TrainingResult Result { get; }
    public CamNetwork Network => Result.Network;

    public float[][] Images(IEnumerable<int> positions) => positions.Select(i => Data.Tensors[i]).ToArray();
    public int[] Classes(IEnumerable<int> positions) => positions.Select(i => Data.Classes[i]).ToArray();

    /// <summary>Every weight and bias of a network, in order, to compare two networks bit for bit.</summary>
    public static float[] Parameters(CamNetwork network) =>
        network.Blocks.SelectMany(b => b.Weights.Concat(b.Bias)).Concat(network.Head.Weights).Concat(network.Head.ClassBias).ToArray();
}
