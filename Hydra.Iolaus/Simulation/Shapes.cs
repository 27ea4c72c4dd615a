namespace Hydra.Iolaus.Simulation;

/// <summary>The distribution of a channel's values (charge, time) over an axis.</summary>
public abstract record Shape
{
    public abstract double Density(double x);

    /// <summary>A Landau-like charge spectrum (a gamma shape with its peak at <paramref name="Peak"/>), above a pedestal cut.</summary>
    public static Shape Charge(double peak) => new ChargeShape(peak);

    /// <summary>A timing peak with a flat background of out-of-time hits.</summary>
    public static Shape Timing(double mean, double sigma, double flat = 0.05) => new TimingShape(mean, sigma, flat);

    private sealed record ChargeShape(double Peak) : Shape
    {
        private const double K = 4;

        public override double Density(double x)
        {
            if (x <= 0) return 0;
            var scale = Peak / (K - 1);
            var u = x / scale;
            return Math.Pow(u, K - 1) * Math.Exp(-u) / (scale * 6); // Γ(4) = 6
        }
    }

    private sealed record TimingShape(double Mean, double Sigma, double Flat) : Shape
    {
        public override double Density(double x)
        {
            var z = (x - Mean) / Sigma;
            return (1 - Flat) * Math.Exp(-0.5 * z * z) / (Sigma * Math.Sqrt(2 * Math.PI)) + Flat / 400;
        }
    }
}

/// <summary>Shapes used by a few plots only.</summary>
public static class MoreShapes
{
    public static Shape Gaussian(double mean, double sigma) => Shape.Timing(mean, sigma, flat: 0);

    /// <summary>DC drift times: a sharp rise at the wire, a plateau, and a fall at the cell edge.</summary>
    public static Shape Drift(double start, double end) => new DriftShape(start, end);

    private sealed record DriftShape(double Start, double End) : Shape
    {
        public override double Density(double x)
        {
            if (x < Start - 20 || x > End + 60) return 0;
            var rise = 1 / (1 + Math.Exp(-(x - Start) / 6));
            var fall = 1 / (1 + Math.Exp((x - End) / 25));
            return rise * fall * (1.3 - 0.5 * (x - Start) / (End - Start)) / (End - Start);
        }
    }
}
