namespace Hydra.Iolaus.Simulation;

/// <summary>
/// FNV-1a: a hash that is the same in every process (string.GetHashCode is randomised per
/// process), so a seed gives the same images on every machine and every run.
/// </summary>
public static class StableHash
{
    public static int Of(string text, int seed = 0)
    {
        unchecked
        {
            var hash = 2166136261u ^ (uint)seed;
            foreach (var c in text) hash = (hash ^ c) * 16777619u;
            return (int)(hash & 0x7FFFFFFF);
        }
    }

    public static int Of(int a, int b, int c, int d)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var value in new[] { a, b, c, d }) hash = (hash ^ (uint)value) * 16777619u;
            return (int)(hash & 0x7FFFFFFF);
        }
    }

    /// <summary>A fixed pseudo-random number in [0, 1) for a channel: its gain, its efficiency.</summary>
    public static double Unit(int a, int b, int c, int d) => Of(a, b, c, d) / (double)int.MaxValue;
}
