using Hydra.Models.Serving;

namespace Hydra.Models.Tests;

public class CamMapTests
{
    [Fact]
    public void AMapSurvivesTheRoundTripThroughBytes()
    {
        var map = new CamMap(3, 2, [1.5f, -2.25f, 0f, float.Epsilon, 1e6f, -0f]);

        var bytes = map.ToBytes();
        var back = CamMap.FromBytes(bytes);

        Assert.Equal(8 + 6 * 4, bytes.Length);
        Assert.Equal([3, 0, 0, 0, 2, 0, 0, 0], bytes[..8]); // little-endian width, height
        Assert.Equal((3, 2), (back.Width, back.Height));
        Assert.Equal(map.Values, back.Values);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8 + 4 * 5)]
    [InlineData(8 + 4 * 7)]
    public void BytesOfTheWrongLengthAreRefused(int length)
    {
        var bytes = new CamMap(3, 2, new float[6]).ToBytes();
        Array.Resize(ref bytes, length);

        Assert.Throws<FormatException>(() => CamMap.FromBytes(bytes));
    }

    [Fact]
    public void NormalizingScalesByTheMaximumAndDropsNegativeEvidence()
    {
        var map = new CamMap(2, 2, [4f, -8f, 2f, 0f]);

        Assert.Equal([1f, 0f, 0.5f, 0f], map.Normalized().Values);
    }

    [Fact]
    public void AMapWithNoPositiveEvidenceNormalizesToZero()
    {
        var map = new CamMap(2, 1, [-1f, -3f]);

        Assert.Equal([0f, 0f], map.Normalized().Values);
    }

    [Fact]
    public void ValuesMustFillTheMap()
    {
        Assert.Throws<ArgumentException>(() => new CamMap(3, 3, new float[8]));
    }
}
