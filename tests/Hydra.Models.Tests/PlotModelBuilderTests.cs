using Hydra.Models.Imaging;
using Hydra.Models.Training;

namespace Hydra.Models.Tests;

/// <summary>From labelled PNGs to a model: what it does with images it cannot read.</summary>
public class PlotModelBuilderTests
{
    [Fact]
    public void A_damaged_image_stops_training_and_is_named_by_its_position_the_first_of_several()
    {
        var images = Enumerable.Range(0, 8).Select(i => (Png: TestModels.PlotPng(i), Label: i % 2 == 0 ? "Good" : "Bad")).ToList();
        images[5] = (images[5].Png[..(images[5].Png.Length / 2)], images[5].Label);
        images[2] = ([1, 2, 3], images[2].Label);

        var error = Assert.Throws<ImageDecodeException>(() =>
            PlotModelBuilder.Train(images, new ImageShape(1, 24, 20), new TrainingOptions { Epochs = 1, BlockChannels = [2] }));

        Assert.Equal(2, error.Position);
        Assert.StartsWith("Image 2 of 8 (Good):", error.Message);
        Assert.Contains("2 images are damaged", error.Message);
    }
}
