namespace Hydra.Models.Training;

/// <summary>
/// Adam (Kingma and Ba), with PyTorch's update and defaults so learning rates carry over between
/// the two. Weight decay, when set, is PyTorch's L2 form: added to the gradient.
/// </summary>
public sealed class Adam(float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f) : IOptimizer
{
    private float[] mean = [];
    private float[] variance = [];
    private int step;

    public float LearningRateScale { get; set; } = 1f;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (gradient.Length != parameters.Length)
            throw new ArgumentException($"{gradient.Length} gradients for {parameters.Length} parameters.", nameof(gradient));
        if (mean.Length != parameters.Length) (mean, variance, step) = (new float[parameters.Length], new float[parameters.Length], 0);

        step++;
        var stepSize = learningRate * LearningRateScale / (1 - Math.Pow(beta1, step));
        var varianceCorrection = Math.Sqrt(1 - Math.Pow(beta2, step));
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i] + weightDecay * parameters[i];
            mean[i] = beta1 * mean[i] + (1 - beta1) * g;
            variance[i] = beta2 * variance[i] + (1 - beta2) * g * g;
            parameters[i] -= (float)(stepSize * mean[i] / (Math.Sqrt(variance[i]) / varianceCorrection + epsilon));
        }
    }
}
