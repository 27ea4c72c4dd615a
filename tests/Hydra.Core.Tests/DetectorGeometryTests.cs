using Hydra.Core.Detectors;

namespace Hydra.Core.Tests;

public sealed class DetectorGeometryTests
{
    // Channel counts from mon12's monitor classes (DOMAIN.md); RICH: 2 sectors x 391 x 64.
    [Theory]
    [InlineData("ECAL", 2448)]
    [InlineData("DC", 24192)]
    [InlineData("FTOF", 1080)]
    [InlineData("CTOF", 96)]
    [InlineData("CND", 144)]
    [InlineData("HTCC", 48)]
    [InlineData("LTCC", 216)]
    [InlineData("FTCAL", 332)]
    [InlineData("FTHODO", 232)]
    [InlineData("RICH", 50048)]
    public void Each_detector_has_the_channel_count_of_CLAS12(string detector, int channels) =>
        Assert.Equal(channels, Clas12.Get(detector).Channels.Count);

    [Fact]
    public void Ecal_layers_are_pcal_then_ec_inner_then_ec_outer_with_their_strip_counts()
    {
        var sector2 = Clas12.Ecal.Channels.Where(c => c.Sector == 2).GroupBy(c => c.Layer).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([68, 62, 62, 36, 36, 36, 36, 36, 36], Enumerable.Range(1, 9).Select(l => sector2[l]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(12, 1, 2)]
    [InlineData(13, 2, 3)]
    [InlineData(36, 3, 6)]
    public void Dc_layers_belong_to_regions_and_superlayers(int layer, int region, int superlayer)
    {
        Assert.Equal(region, Clas12.DcRegion(layer));
        Assert.Equal(superlayer, Clas12.DcSuperlayer(layer));
    }

    [Fact]
    public void Orders_follow_ccdb_adc_left_right_then_tdc_left_right()
    {
        var left = new DetectorChannel(3, 2, 10, Side: 0);
        var right = left with { Side = 1 };
        Assert.Equal(0, Clas12.Ftof.OrderOf(new(left, Readout.Adc)));
        Assert.Equal(1, Clas12.Ftof.OrderOf(new(right, Readout.Adc)));
        Assert.Equal(2, Clas12.Ftof.OrderOf(new(left, Readout.Tdc)));
        Assert.Equal(3, Clas12.Ftof.OrderOf(new(right, Readout.Tdc)));
        Assert.Equal(new ReadoutChannel(right, Readout.Tdc), Clas12.Ftof.FromOrder(3, 2, 10, 3));
    }

    [Fact]
    public void An_unknown_detector_is_refused_with_the_known_names()
    {
        var error = Assert.Throws<ArgumentException>(() => Clas12.Get("XYZ"));
        Assert.Contains("ECAL", error.Message);
    }
}
