namespace Hydra.Models.Training;

/// <summary>Updates parameters in place from their gradient, keeping whatever state it needs between steps.</summary>
public interface IOptimizer
{
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);
}

public enum OptimizerKind
{
    Adam,
    Sgd,
}
