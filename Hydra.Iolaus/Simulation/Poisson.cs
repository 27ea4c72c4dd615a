namespace Hydra.Iolaus.Simulation;

/// <summary>Poisson counts: what a histogram bin holds after a chunk of events.</summary>
public static class Poisson
{
    public static int Sample(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean < 30)
        {
            // Inverse CDF from one uniform: exact, and always exactly one draw, so a fault that
            // changes one bin's mean leaves every other bin's count as it was (Knuth's method took
            // count + 1 draws and re-rolled every later bin of the plot).
            var u = random.NextDouble();
            var p = Math.Exp(-mean);
            var cumulative = p;
            var count = 0;
            while (u > cumulative && count < 1000)
            {
                count++;
                p *= mean / count;
                cumulative += p;
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
