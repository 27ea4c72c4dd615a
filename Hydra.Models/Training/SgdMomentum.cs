namespace Hydra.Models.Training;

/// <summary>
/// Stochastic gradient descent with (heavy-ball) momentum, PyTorch's form: v = μ v + g, p −= lr v.
/// The original Hydra trained with SGD. Weight decay, when set, is added to the gradient.
/// </summary>
public sealed class SgdMomentum(float learningRate, float momentum = 0.9f, float weightDecay = 0f) : IOptimizer
{
    public float LearningRateScale { get; set; } = 1f;

    private float[] velocity = [];

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (gradient.Length != parameters.Length)
            throw new ArgumentException($"{gradient.Length} gradients for {parameters.Length} parameters.", nameof(gradient));
        if (velocity.Length != parameters.Length) velocity = new float[parameters.Length];

        for (var i = 0; i < parameters.Length; i++)
        {
            velocity[i] = momentum * velocity[i] + gradient[i] + weightDecay * parameters[i];
            parameters[i] -= learningRate * LearningRateScale * velocity[i];
        }
    }
}
