namespace Hydra.Iolaus.Simulation;

/// <summary>Poisson counts: what a histogram bin holds after a chunk of events.</summary>
public static class Poisson
{
    public static int Sample(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean < 30)
        {
            // Knuth: multiply uniforms until below e^-mean; exact and quick for small means.
            var limit = Math.Exp(-mean);
            var product = random.NextDouble();
            var count = 0;
            while (product > limit)
            {
                count++;
                product *= random.NextDouble();
            }
            return count;
        }
        // Large means: the normal approximation is indistinguishable on a plot and O(1).
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * normal));
    }
}
