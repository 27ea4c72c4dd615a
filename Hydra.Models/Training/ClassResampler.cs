namespace Hydra.Models.Training;

/// <summary>How each epoch's classes were balanced.</summary>
public enum ClassSampling
{
    /// <summary>Every class drawn to the number of Bad images, as the original trainer did.</summary>
    ToBadCount,

    /// <summary>No Bad images: every class drawn to the smallest class's count.</summary>
    ToSmallestClass,
}

/// <summary>
/// Draws each epoch's images so every class appears the same number of times: a larger class
/// gives a fresh random subset each epoch (so over epochs all its images are seen), a smaller one
/// repeats all its images and adds a random subset for the rest. Classes without images are
/// left out. Each epoch's draw depends only on the seed and the epoch's number.
/// </summary>
public sealed class ClassResampler
{
    private readonly int[][] members;
    private readonly int seed;

    /// <param name="classes">The class of each candidate image; <see cref="Epoch"/> returns positions in this list.</param>
    /// <param name="badClass">The Bad class's index, or null when the labels have none.</param>
    public ClassResampler(IReadOnlyList<int> classes, int classCount, int? badClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        members = Enumerable.Range(0, classCount)
            .Select(k => Enumerable.Range(0, classes.Count).Where(i => classes[i] == k).ToArray())
            .ToArray();
        if (members.All(m => m.Length == 0)) throw new ArgumentException("No images to sample.", nameof(classes));
        this.seed = seed;

        if (badClass is { } bad && bad >= 0 && bad < classCount && members[bad].Length > 0)
            (Sampling, SamplesPerClass) = (ClassSampling.ToBadCount, members[bad].Length);
        else
            (Sampling, SamplesPerClass) = (ClassSampling.ToSmallestClass, members.Where(m => m.Length > 0).Min(m => m.Length));
    }

    public ClassSampling Sampling { get; }

    /// <summary>How many times each class (that has images) appears in an epoch.</summary>
    public int SamplesPerClass { get; }

    /// <summary>Images per epoch: <see cref="SamplesPerClass"/> for each class that has images.</summary>
    public int EpochSize => SamplesPerClass * members.Count(m => m.Length > 0);

    /// <summary>The epoch's images, as positions into the classes given, in a random order.</summary>
    public int[] Epoch(int epoch)
    {
        var random = new Random(Seeds.Derive(seed, epoch));
        var drawn = new List<int>(EpochSize);
        foreach (var group in members.Where(m => m.Length > 0))
        {
            for (var copy = 0; copy < SamplesPerClass / group.Length; copy++) drawn.AddRange(group);
            var shuffled = group.ToArray();
            Seeds.Shuffle(random, shuffled);
            drawn.AddRange(shuffled[..(SamplesPerClass % group.Length)]);
        }
        var order = drawn.ToArray();
        Seeds.Shuffle(random, order);
        return order;
    }
}
