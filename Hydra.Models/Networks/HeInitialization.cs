namespace Hydra.Models.Networks;

/// <summary>
/// He (Kaiming) initialisation: weights drawn from N(0, 2 / fan-in), which keeps the activations'
/// variance roughly constant through ReLU layers. A seeded <see cref="Random"/> makes it repeatable.
/// </summary>
internal sealed class HeInitialization(int seed)
{
    private const float BiasRange = 0.1f;

    private readonly Random random = new(seed);

    public float[] Weights(int count, int fanIn)
    {
        var std = Math.Sqrt(2.0 / fanIn);
        var weights = new float[count];
        for (var i = 0; i < count; i++) weights[i] = (float)(std * Gaussian());
        return weights;
    }

    public float[] Biases(int count)
    {
        var biases = new float[count];
        for (var i = 0; i < count; i++) biases[i] = (float)((random.NextDouble() * 2 - 1) * BiasRange);
        return biases;
    }

    // Box-Muller; 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
