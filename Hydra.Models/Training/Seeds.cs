namespace Hydra.Models.Training;

/// <summary>
/// Independent seeds for the parts of a run (split, each epoch's sampling) from the one seed a
/// user gives, so that changing how often one part draws numbers never shifts another.
/// <see cref="HashCode"/> would not do: it is randomised per process.
/// </summary>
internal static class Seeds
{
    /// <summary>SplitMix64's finaliser over the seed and the stream's number.</summary>
    public static int Derive(int seed, int stream)
    {
        var x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)stream * 0xD1B54A32D192ED03UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return unchecked((int)(x ^ (x >> 31)));
    }

    public static void Shuffle<T>(Random random, T[] items)
    {
        // Fisher-Yates written out, so a seed's order rests only on Random.Next, not on how Random.Shuffle draws.
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
