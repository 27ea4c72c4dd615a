using Hydra.Models.Training;

namespace Hydra.Models.Tests;

public class OptimizerTests
{
    [Fact]
    public void AdamsFirstStepMovesEveryParameterByTheLearningRateAgainstItsGradient()
    {
        float[] parameters = [1f, -2f, 0.5f];
        var adam = new Adam(learningRate: 0.01f);

        adam.Step(parameters, [3f, -0.001f, 40f]);

        Assert.Equal(1f - 0.01f, parameters[0], 1e-6f);
        Assert.Equal(-2f + 0.01f, parameters[1], 1e-5f);
        Assert.Equal(0.5f - 0.01f, parameters[2], 1e-6f);
    }

    [Fact]
    public void ALearningRateScaleScalesTheStep()
    {
        float[] adamParameters = [1f];
        float[] sgdParameters = [1f];
        var adam = new Adam(learningRate: 0.01f) { LearningRateScale = 0.25f };
        var sgd = new SgdMomentum(learningRate: 0.1f, momentum: 0f) { LearningRateScale = 0.5f };

        adam.Step(adamParameters, [3f]);
        sgd.Step(sgdParameters, [2f]);

        Assert.Equal(1f - 0.0025f, adamParameters[0], 1e-6f);
        Assert.Equal(1f - 0.1f, sgdParameters[0], 1e-6f);
    }

    [Fact]
    public void SgdMomentumAccumulatesVelocity()
    {
        float[] parameters = [1f];
        var sgd = new SgdMomentum(learningRate: 0.1f, momentum: 0.9f);

        sgd.Step(parameters, [2f]); // v = 2, p = 1 - 0.2
        sgd.Step(parameters, [2f]); // v = 0.9 * 2 + 2 = 3.8, p = 0.8 - 0.38

        Assert.Equal(0.42f, parameters[0], 1e-6f);
    }

    [Fact]
    public void WeightDecayPullsParametersTowardsZero()
    {
        float[] parameters = [1f];

        new SgdMomentum(learningRate: 0.1f, momentum: 0f, weightDecay: 0.5f).Step(parameters, [0f]);

        Assert.Equal(0.95f, parameters[0], 1e-6f);
    }

    [Fact]
    public void SgdWithMomentumTrainsTheSyntheticPlots()
    {
        var data = SyntheticPlots.Create(seed: 8, good: 40, bad: 30, noData: 30);
        var options = TrainedSyntheticModel.Options with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05f, Epochs = 5 };

        var result = new CamTrainer(options).Train(data);

        Assert.Equal((OptimizerKind.Sgd, 0.9f), (result.Hyperparameters.Optimizer, result.Hyperparameters.Momentum));
        Assert.True(result.BestValidationLoss < result.Epochs[0].ValidationLoss / 3, $"{result.Epochs[0].ValidationLoss} -> {result.BestValidationLoss}");
    }
}
