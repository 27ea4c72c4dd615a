namespace Hydra.Iolaus.Simulation;

/// <summary>Poisson counts: what a histogram bin holds after a chunk of events.</summary>
public static class Poisson
{
    public static int Sample(Random random, double mean)
    {
        // Always exactly two draws, whatever the mean (zero, small or large): a fault that changes
        // one bin's mean, even to nothing (a knocked-out channel) or across the large-mean switch
        // (a hot channel), leaves every other bin's count as it was. That is what makes a chunk's
        // fault-free twin exact, and the dataset's "is this fault visible" test honest.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        if (mean <= 0) return 0;
        if (mean < 30)
        {
            // Inverse CDF from one uniform: exact.
            var p = Math.Exp(-mean);
            var cumulative = p;
            var count = 0;
            while (u2 > cumulative && count < 1000)
            {
                count++;
                p *= mean / count;
                cumulative += p;
            }
            return count;
        }
        // Large means: the normal approximation is indistinguishable on a plot and O(1).
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * normal));
    }
}
