using Hydra.Models.Onnx;
using Hydra.Models.Serving;
using Hydra.Models.Training;
using Xunit.Abstractions;

namespace Hydra.Models.Tests;

public class CamTrainerTests(TrainedSyntheticModel trained, ITestOutputHelper output) : IClassFixture<TrainedSyntheticModel>
{
    [Fact]
    public void LearnsGoodBadAndNoData()
    {
        var result = trained.Result;
        foreach (var e in result.Epochs)
            output.WriteLine($"epoch {e.Epoch}: train {e.TrainLoss:F4} validation {e.ValidationLoss:F4} accuracy {e.ValidationAccuracy:P0} at {e.Elapsed.TotalMilliseconds:F0} ms");

        Assert.True(result.BestValidationAccuracy >= 0.95, $"validation accuracy {result.BestValidationAccuracy:P1}");
        Assert.True(result.BestValidationLoss < result.Epochs[0].ValidationLoss / 5);

        // The validation side is small (5%): plots the trainer never saw must be classified too.
        var unseen = SyntheticPlots.Create(seed: 99, good: 60, bad: 60, noData: 60);
        var probabilities = Backpropagation.Probabilities(trained.Network, unseen.Tensors);
        var correct = Enumerable.Range(0, unseen.Count).Count(i => TopClass(probabilities, i) == unseen.Classes[i]);
        Assert.True(correct >= 0.95 * unseen.Count, $"{correct} of {unseen.Count} unseen plots right");
    }

    [Fact]
    public void TheServedOnnxModelPredictsWhatTheTrainerComputes()
    {
        var unseen = SyntheticPlots.Create(seed: 98, good: 10, bad: 10, noData: 10);
        var fromTrainer = Backpropagation.Probabilities(trained.Network, unseen.Tensors);
        using var served = PlotModel.Load(CamNetworkOnnx.Export(trained.Network));

        var predictions = served.Predict(unseen.Tensors);

        Assert.Equal(TestModels.Labels, served.Labels);
        for (var i = 0; i < unseen.Count; i++)
        {
            Assert.Equal(TopClass(fromTrainer, i), predictions[i].TopClass);
            Assert.InRange(TestModels.MaxDifference(fromTrainer.AsSpan(i * 3, 3), predictions[i].Probabilities), 0, 1e-4f);
        }
        Assert.Contains(predictions, p => p.TopLabel == "Bad");
    }

    [Fact]
    public void AMeanAndMaxHeadLearnsIsRecordedAndServedAsTrainedAndFineTuningKeepsIt()
    {
        var data = SyntheticPlots.Create(seed: 7, good: 30, bad: 20, noData: 20);
        var options = TrainedSyntheticModel.Options with { Epochs = 4, HeadPooling = Hydra.Models.Networks.CamPooling.MeanAndMax };

        var result = new CamTrainer(options).Train(data);

        Assert.Equal(Hydra.Models.Networks.CamPooling.MeanAndMax, result.Network.Head.Pooling);
        Assert.Equal(Hydra.Models.Networks.CamPooling.MeanAndMax, result.Hyperparameters.Pooling);
        Assert.True(result.BestValidationLoss < result.Epochs[0].ValidationLoss, "the loss falls");
        AssertServedAsTrained(result.Network, seed: 96);

        var tuned = new CamTrainer(TrainedSyntheticModel.Options with { Epochs = 1 }).FineTune(result.Network, data).Network;
        Assert.Equal(Hydra.Models.Networks.CamPooling.MeanAndMax, tuned.Head.Pooling);
    }

    [Fact]
    public void AMeanGoodReferenceIsTheMeanGoodTrainingImageAndTheServedModelMatchesTheTrainer()
    {
        var data = SyntheticPlots.Create(seed: 6, good: 30, bad: 20, noData: 20);
        var options = TrainedSyntheticModel.Options with { Epochs = 3, InputReference = InputReferenceKind.MeanGood };

        var result = new CamTrainer(options).Train(data);

        var good = result.Split.Training.Where(i => data.Classes[i] == 0).ToArray();
        var mean = Enumerable.Range(0, data.Input.Length).Select(j => (float)good.Average(i => (double)data.Tensors[i][j])).ToArray();
        Assert.Equal(mean, result.Network.InputReference!);
        Assert.Equal(InputReferenceKind.MeanGood, result.Hyperparameters.InputReference);

        AssertServedAsTrained(result.Network, seed: 97);

        // Fine-tuning keeps the parent's reference.
        var tuned = new CamTrainer(options with { Epochs = 1 }).FineTune(result.Network, data).Network;
        Assert.Same(result.Network.InputReference, tuned.InputReference);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeightsOnAnyNumberOfCores()
    {
        var data = SyntheticPlots.Create(seed: 5, good: 40, bad: 20, noData: 20);
        var options = TrainedSyntheticModel.Options with { Epochs = 2 };

        var serial = new CamTrainer(options with { MaxDegreeOfParallelism = 1 }).Train(data).Network;
        var parallel = new CamTrainer(options with { MaxDegreeOfParallelism = 2 }).Train(data).Network;
        var reseeded = new CamTrainer(options with { Seed = options.Seed + 1 }).Train(data).Network;

        Assert.Equal(TrainedSyntheticModel.Parameters(serial), TrainedSyntheticModel.Parameters(parallel));
        Assert.NotEqual(TrainedSyntheticModel.Parameters(serial), TrainedSyntheticModel.Parameters(reseeded));
    }

    [Fact]
    public void EarlyStoppingEndsOnAPlateauAndReturnsTheBestEpoch()
    {
        // Coin-flip labels: training fits the noise, the validation loss stops improving.
        var data = SyntheticPlots.Noise(seed: 7, count: 120);
        var options = TrainedSyntheticModel.Options with { Epochs = 40, Patience = 3 };

        var result = new CamTrainer(options).Train(data);

        var lastEpoch = result.Epochs.Count - 1;
        Assert.True(result.StoppedEarly);
        Assert.True(lastEpoch < options.Epochs);
        Assert.Equal(result.BestEpoch + options.Patience, lastEpoch);
        Assert.Equal(result.Epochs.Min(e => e.ValidationLoss), result.BestValidationLoss);
        Assert.True(result.Epochs[lastEpoch].ValidationLoss > result.BestValidationLoss);

        // The network returned is the best epoch's, not the last one's.
        var validation = result.Split.Validation;
        var loss = Backpropagation.Loss(result.Network, validation.Select(i => data.Tensors[i]).ToArray(), validation.Select(i => data.Classes[i]).ToArray());
        Assert.Equal(result.BestValidationLoss, loss);
    }

    [Fact]
    public void FineTuningStartsFromTheParentsWeights()
    {
        var parent = trained.Network;
        var parentWeights = TrainedSyntheticModel.Parameters(parent);
        var data = SyntheticPlots.Create(seed: 2, good: 40, bad: 20, noData: 20);
        var options = TrainedSyntheticModel.Options with { Epochs = 2 };

        var tuned = new CamTrainer(options).FineTune(parent, data);
        var scratch = new CamTrainer(options).Train(data);

        // Epoch 0 is the parent on the new data, before any update.
        var (training, validation) = (tuned.Split.Training, tuned.Split.Validation);
        var trainingImages = training.Select(i => data.Tensors[i]).ToArray();
        var trainingClasses = training.Select(i => data.Classes[i]).ToArray();
        Assert.Equal(Backpropagation.Loss(parent, trainingImages, trainingClasses), tuned.Epochs[0].TrainLoss);
        Assert.Equal(ReferenceLoss(parent, trainingImages, trainingClasses), tuned.Epochs[0].TrainLoss, 1e-5);
        Assert.Equal(Backpropagation.Loss(parent, validation.Select(i => data.Tensors[i]).ToArray(), validation.Select(i => data.Classes[i]).ToArray()),
            tuned.Epochs[0].ValidationLoss);

        // A trained parent starts far lower than a random network, and is itself left untouched.
        Assert.True(tuned.Epochs[0].TrainLoss < scratch.Epochs[0].TrainLoss / 5);
        Assert.True(tuned.Hyperparameters.FineTuned);
        Assert.Equal(parentWeights, TrainedSyntheticModel.Parameters(parent));
        Assert.NotEqual(parentWeights, TrainedSyntheticModel.Parameters(tuned.Network));
    }

    [Fact]
    public void AStridedFirstBlockLearnsIsRecordedAndServedAsTrainedAndFineTuningKeepsIt()
    {
        var data = SyntheticPlots.Create(seed: 7, good: 30, bad: 20, noData: 20);
        var options = TrainedSyntheticModel.Options with { Epochs = 4, FirstBlockStride = 2 };

        var result = new CamTrainer(options).Train(data);

        Assert.Equal([2, 1], result.Network.Blocks.Select(b => b.Stride));
        Assert.Equal(2, result.Hyperparameters.FirstBlockStride);
        // Stride 2 then the pool: the class maps are a quarter the size each way of the 16 x 16 input.
        var cam = result.Network.Forward(data.Tensors[0], 1).Output;
        Assert.Equal((2, 2), (cam.CamHeight, cam.CamWidth));
        Assert.True(result.BestValidationLoss < result.Epochs[0].ValidationLoss, "the loss falls");
        AssertServedAsTrained(result.Network, seed: 95);

        var tuned = new CamTrainer(TrainedSyntheticModel.Options with { Epochs = 1 }).FineTune(result.Network, data);
        Assert.Equal(2, tuned.Network.Blocks[0].Stride);
        Assert.Equal(2, tuned.Hyperparameters.FirstBlockStride);
    }

    [Fact]
    public void TheResultRecordsHowTheNetworkWasTrained()
    {
        var (result, options) = (trained.Result, TrainedSyntheticModel.Options);
        var badInTraining = result.Split.Training.Count(i => trained.Data.Classes[i] == 1);

        var h = result.Hyperparameters;
        Assert.Equal((OptimizerKind.Adam, 0.01f, 16, 15, 3), (h.Optimizer, h.LearningRate, h.BatchSize, h.MaxEpochs, h.Seed));
        Assert.Equal((ClassSampling.ToBadCount, badInTraining), (h.Sampling, h.SamplesPerClass));
        Assert.Equal([8, 16], h.BlockChannels);
        Assert.False(h.FineTuned);
        Assert.Equal(Enumerable.Range(0, result.Epochs.Count), result.Epochs.Select(e => e.Epoch));
        Assert.InRange(result.BestEpoch, 1, result.Epochs.Count - 1);
        Assert.Equal(result.Epochs.Count - 1 < options.Epochs, result.StoppedEarly);
    }

    [Fact]
    public void FineTuningRefusesDataWithOtherLabels()
    {
        var data = new TrainingData(SyntheticPlots.Shape, ["Good", "Bad"], [new(new float[256], "Good"), new(new float[256], "Bad")]);

        var error = Assert.Throws<ArgumentException>(() => new CamTrainer().FineTune(trained.Network, data));

        Assert.Contains("The parent's labels are Good, Bad, NoData, the data's Good, Bad", error.Message);
    }

    private static int TopClass(float[] probabilities, int image)
    {
        var row = probabilities.AsSpan(image * 3, 3).ToArray();
        return Array.IndexOf(row, row.Max());
    }

    /// <summary>The mean cross-entropy by the network's plain-loop reference forward pass.</summary>
    private static double ReferenceLoss(Networks.CamNetwork network, float[][] images, int[] classes)
    {
        var output = network.Forward(images.SelectMany(t => t).ToArray(), images.Length).Output;
        return Enumerable.Range(0, images.Length).Average(i => -Math.Log(output.Probability(i, classes[i])));
    }

    /// <summary>ONNX Runtime serving the exported network gives the trainer's probabilities on unseen plots.</summary>
    private static void AssertServedAsTrained(Hydra.Models.Networks.CamNetwork network, int seed)
    {
        var unseen = SyntheticPlots.Create(seed, good: 5, bad: 5, noData: 5);
        var fromTrainer = Backpropagation.Probabilities(network, unseen.Tensors);
        using var served = PlotModel.Load(CamNetworkOnnx.Export(network));
        var predictions = served.Predict(unseen.Tensors);
        for (var i = 0; i < unseen.Count; i++)
            Assert.InRange(TestModels.MaxDifference(fromTrainer.AsSpan(i * 3, 3), predictions[i].Probabilities), 0, 1e-4f);
    }
}
