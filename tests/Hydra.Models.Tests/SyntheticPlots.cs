using Hydra.Models.Training;

namespace Hydra.Models.Tests;

/// <summary>
/// A toy plot type the trainer must learn in seconds: 16 x 16 grey images where Good is a smooth
/// gradient in a random direction, Bad is the same with a dark block knocked out (a dead crate),
/// and NoData is a blank white canvas, each with a little noise.
/// </summary>
internal static class SyntheticPlots
{
    public static readonly ImageShape Shape = new(1, 16, 16);

    public static TrainingData Create(int seed, int good = 160, int bad = 60, int noData = 60)
    {
        var random = new Random(seed);
        var images = new List<LabelledImage>();
        for (var i = 0; i < good; i++) images.Add(new(Gradient(random), "Good"));
        for (var i = 0; i < bad; i++) images.Add(new(KnockOut(random, Gradient(random)), "Bad"));
        for (var i = 0; i < noData; i++) images.Add(new(Blank(random), "NoData"));
        return new TrainingData(Shape, TestModels.Labels, images);
    }

    /// <summary>Images whose labels are coin flips: nothing to learn, so validation loss can only get worse.</summary>
    public static TrainingData Noise(int seed, int count)
    {
        var random = new Random(seed);
        var images = Enumerable.Range(0, count)
            .Select(_ => new LabelledImage(Enumerable.Range(0, Shape.Length).Select(_ => (float)random.NextDouble()).ToArray(),
                TestModels.Labels[random.Next(TestModels.Labels.Length)]))
            .ToArray();
        return new TrainingData(Shape, TestModels.Labels, images);
    }

    private static float[] Gradient(Random random)
    {
        var angle = random.NextDouble() * 2 * Math.PI;
        var (dx, dy) = (Math.Cos(angle), Math.Sin(angle));
        var (low, span) = (0.3 + 0.1 * random.NextDouble(), 0.4 + 0.1 * random.NextDouble());
        var tensor = new float[Shape.Length];
        for (var y = 0; y < 16; y++)
        for (var x = 0; x < 16; x++)
        {
            var t = ((x - 7.5) * dx + (y - 7.5) * dy) / 22.6 + 0.5; // 0..1 across the diagonal
            tensor[y * 16 + x] = (float)(low + span * t + Noise(random));
        }
        return tensor;
    }

    private static float[] KnockOut(Random random, float[] tensor)
    {
        var (height, width) = (random.Next(4, 7), random.Next(4, 7));
        var (top, left) = (random.Next(0, 16 - height + 1), random.Next(0, 16 - width + 1));
        for (var y = top; y < top + height; y++)
        for (var x = left; x < left + width; x++)
            tensor[y * 16 + x] = (float)(0.05 + Noise(random));
        return tensor;
    }

    private static float[] Blank(Random random) =>
        Enumerable.Range(0, Shape.Length).Select(_ => (float)(0.98 + Noise(random))).ToArray();

    private static double Noise(Random random) => (random.NextDouble() - 0.5) * 0.04;
}
