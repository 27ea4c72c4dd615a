namespace Hydra.Models.Training;

/// <summary>
/// Which images train and which judge: positions into the data set, each in exactly one list,
/// both in ascending order.
/// </summary>
public sealed record DataSplit(IReadOnlyList<int> Training, IReadOnlyList<int> Validation)
{
    /// <summary>
    /// The original's 95/5 split, stratified: each class gives round(n x fraction) of its images,
    /// at least one when it has two or more, to validation, so a rare class (Bad) is judged too.
    /// A class with a single image keeps it for training.
    /// </summary>
    public static DataSplit Stratified(IReadOnlyList<int> classes, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (validationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Between 0 and 1, exclusive.");

        var random = new Random(seed);
        var training = new List<int>();
        var validation = new List<int>();
        foreach (var group in Enumerable.Range(0, classes.Count).GroupBy(i => classes[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            Seeds.Shuffle(random, members);
            var held = members.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(members.Length * validationFraction, MidpointRounding.AwayFromZero));
            validation.AddRange(members[..held]);
            training.AddRange(members[held..]);
        }
        training.Sort();
        validation.Sort();
        return new DataSplit(training, validation);
    }
}
