namespace Hydra.Iolaus.Histograms;

/// <summary>A histogram axis as groot defines one: n equal bins over [Min, Max).</summary>
public sealed record Axis(int Bins, double Min, double Max, string Title = "")
{
    public double BinWidth => (Max - Min) / Bins;

    /// <summary>The bin holding <paramref name="value"/>, or -1 outside the axis (groot drops those fills).</summary>
    public int Find(double value)
    {
        if (value < Min || value >= Max || double.IsNaN(value)) return -1;
        return Math.Min((int)((value - Min) / BinWidth), Bins - 1);
    }

    public double Center(int bin) => Min + (bin + 0.5) * BinWidth;
    public double LowEdge(int bin) => Min + bin * BinWidth;

    /// <summary>mon12's usual channel axis: n bins centred on 1..n, i.e. [0.5, n + 0.5].</summary>
    public static Axis Channels(int n, string title = "") => new(n, 0.5, n + 0.5, title);
}
