namespace Hydra.Models.Training;

/// <summary>Updates parameters in place from their gradient, keeping whatever state it needs between steps.</summary>
public interface IOptimizer
{
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>Multiplies the learning rate of the following steps (a schedule sets it before each epoch); 1 by default.</summary>
    float LearningRateScale { get; set; }
}

public enum OptimizerKind
{
    Adam,
    Sgd,
}
