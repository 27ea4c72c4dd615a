using Hydra.Models.Training;

namespace Hydra.Models.Tests;

public class TrainingDataTests
{
    [Fact]
    public void LabelsBecomeClassIndicesInTheGivenOrder()
    {
        var data = new TrainingData(SyntheticPlots.Shape, ["NoData", "Good", "Bad"],
            [new(new float[256], "Bad"), new(new float[256], "NoData"), new(new float[256], "Good")]);

        Assert.Equal([2, 0, 1], data.Classes);
    }

    [Fact]
    public void AnUnknownLabelIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingData(SyntheticPlots.Shape, TestModels.Labels,
            [new(new float[256], "Good"), new(new float[256], "Acceptable")]));

        Assert.Contains("Image 1 is labelled 'Acceptable', which is not one of Good, Bad, NoData", error.Message);
    }

    [Fact]
    public void ATensorOfAnotherSizeIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingData(SyntheticPlots.Shape, TestModels.Labels,
            [new(new float[3 * 256], "Good")]));

        Assert.Contains("Image 0 holds 768 floats; an image of 1 x 16 x 16 holds 256", error.Message);
    }
}
