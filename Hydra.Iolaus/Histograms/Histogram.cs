namespace Hydra.Iolaus.Histograms;

/// <summary>What the two histogram kinds share: a title, bin contents, and how they are drawn.</summary>
public abstract class Histogram(string title)
{
    public string Title { get; } = title;
    public abstract double[] Content { get; }
    public double MaxContent => Content.Length == 0 ? 0 : Content.Max();
    public double Entries => Content.Sum();

    /// <summary>A copy with every bin multiplied by <paramref name="factor"/>: the same histogram at another rate.</summary>
    public abstract Histogram Scaled(double factor);

    protected static void CopyScaled(double[] from, double[] to, double factor)
    {
        for (var i = 0; i < from.Length; i++) to[i] = from[i] * factor;
    }
}

/// <summary>groot's H1F: counts along one axis, drawn as a filled bar histogram.</summary>
public sealed class H1F(string title, Axis x, string yTitle = "") : Histogram(title)
{
    public Axis X { get; } = x;
    public string YTitle { get; } = yTitle;
    public override double[] Content { get; } = new double[x.Bins];

    public void Fill(double value, double weight = 1)
    {
        var bin = X.Find(value);
        if (bin >= 0) Content[bin] += weight;
    }

    public override H1F Scaled(double factor)
    {
        var copy = new H1F(Title, X, YTitle);
        CopyScaled(Content, copy.Content, factor);
        return copy;
    }
}

/// <summary>groot's H2F: counts on an x-y grid (x fastest), drawn as a colour map.</summary>
public sealed class H2F(string title, Axis x, Axis y) : Histogram(title)
{
    public Axis X { get; } = x;
    public Axis Y { get; } = y;
    public override double[] Content { get; } = new double[x.Bins * y.Bins];

    public double this[int xBin, int yBin]
    {
        get => Content[yBin * X.Bins + xBin];
        set => Content[yBin * X.Bins + xBin] = value;
    }

    public void Fill(double x, double y, double weight = 1)
    {
        int xBin = X.Find(x), yBin = Y.Find(y);
        if (xBin >= 0 && yBin >= 0) this[xBin, yBin] += weight;
    }

    public override H2F Scaled(double factor)
    {
        var copy = new H2F(Title, X, Y);
        CopyScaled(Content, copy.Content, factor);
        return copy;
    }
}
