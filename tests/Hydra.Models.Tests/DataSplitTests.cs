using Hydra.Models.Training;

namespace Hydra.Models.Tests;

public class DataSplitTests
{
    private static readonly int[] Classes = SyntheticPlots.Create(seed: 1).Classes.ToArray();

    [Fact]
    public void EveryImageLandsOnExactlyOneSide()
    {
        var split = DataSplit.Stratified(Classes, 0.05, seed: 4);

        Assert.Empty(split.Training.Intersect(split.Validation));
        Assert.Equal(Enumerable.Range(0, Classes.Length), split.Training.Concat(split.Validation).Order());
    }

    [Fact]
    public void EachClassGivesFivePercentToValidation()
    {
        // 160 Good, 60 Bad, 60 NoData.
        var split = DataSplit.Stratified(Classes, 0.05, seed: 4);

        Assert.Equal([8, 3, 3], Enumerable.Range(0, 3).Select(k => split.Validation.Count(i => Classes[i] == k)));
    }

    [Fact]
    public void TheSplitFollowsTheSeed()
    {
        var a = DataSplit.Stratified(Classes, 0.05, seed: 4);

        Assert.Equal(a.Validation, DataSplit.Stratified(Classes, 0.05, seed: 4).Validation);
        Assert.NotEqual(a.Validation, DataSplit.Stratified(Classes, 0.05, seed: 5).Validation);
    }

    [Fact]
    public void ARareClassStillGetsAValidationImageAndASingleImageStaysInTraining()
    {
        int[] classes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2];

        var split = DataSplit.Stratified(classes, 0.05, seed: 1);

        Assert.Equal([1, 1, 0], Enumerable.Range(0, 3).Select(k => split.Validation.Count(i => classes[i] == k)));
        Assert.Contains(12, split.Training);
    }
}
