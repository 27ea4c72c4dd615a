using Hydra.Core.Detectors;
using Hydra.Core.TranslationTables;

namespace Hydra.Core.Tests;

public sealed class TranslationTableTests
{
    public static TheoryData<string> Detectors => [.. Clas12.All.Select(d => d.Name)];

    [Theory, MemberData(nameof(Detectors))]
    public void Every_channel_has_exactly_one_electronics_address_and_back(string name)
    {
        var detector = Clas12.Get(name);
        var table = TranslationTableGenerator.For(detector);

        Assert.Equal(detector.Channels.Count * detector.Readouts.Count, table.Rows.Count);
        Assert.Empty(table.MissingChannels());
        Assert.All(detector.ReadoutChannels, channel =>
        {
            var address = table.ToElectronics(channel);
            Assert.NotNull(address);
            Assert.Equal(channel, table.ToDetector(address.Value));
        });
    }

    [Theory, MemberData(nameof(Detectors))]
    public void Ccdb_text_round_trips(string name)
    {
        var detector = Clas12.Get(name);
        var table = TranslationTableGenerator.For(detector);

        var text = CcdbTextFormat.Write(table);
        var read = CcdbTextFormat.Read(text, detector);

        Assert.Equal(table.Rows, read.Rows);
        Assert.Equal(table.Meta, read.Meta);
        Assert.Equal(text, CcdbTextFormat.Write(read));
    }

    [Fact]
    public void Ecal_uses_clas12_crate_numbers_and_says_it_is_not_synthetic()
    {
        var table = TranslationTableGenerator.For(Clas12.Ecal);

        // Sector 2: ECAL FADC 7, ECAL TDC 8, PCAL FADC 9, PCAL TDC 10.
        Assert.All(table.ChannelsIn(7), c => Assert.True(c.Channel is { Sector: 2, Layer: > 3 } && c.Readout == Readout.Adc));
        Assert.All(table.ChannelsIn(8), c => Assert.True(c.Channel is { Sector: 2, Layer: > 3 } && c.Readout == Readout.Tdc));
        Assert.All(table.ChannelsIn(9), c => Assert.True(c.Channel is { Sector: 2, Layer: <= 3 } && c.Readout == Readout.Adc));
        Assert.All(table.ChannelsIn(10), c => Assert.True(c.Channel is { Sector: 2, Layer: <= 3 } && c.Readout == Readout.Tdc));
        // Crates 6s-1 and 6s of each sector belong to other detectors.
        Assert.Equal(Enumerable.Range(1, 6).SelectMany(s => Enumerable.Range(6 * s - 5, 4)), table.Crates);
        Assert.False(table.IsSynthetic);
        Assert.True(TranslationTableGenerator.For(Clas12.Ftof).IsSynthetic);
    }

    [Fact]
    public void Dc_boards_of_96_wires_sit_in_slots_3_to_9_and_14_to_20()
    {
        var table = TranslationTableGenerator.For(Clas12.Dc);
        var crate = table.Crates.First();

        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 14, 15, 16, 17, 18, 19, 20], table.SlotsIn(crate));
        Assert.All(table.SlotsIn(crate), slot => Assert.Equal(96, table.ChannelsIn(crate, slot).Count));
        Assert.Equal(18, table.Crates.Count());
    }

    [Fact]
    public void Knocking_out_a_crate_drops_exactly_its_channels()
    {
        var table = TranslationTableGenerator.For(Clas12.Ecal);
        var inCrate9 = table.ChannelsIn(9).ToHashSet();

        var knocked = table.Without(row => row.Address.Crate == 9, "crate 9 off");

        Assert.Equal(inCrate9.OrderBy(c => c.GetHashCode()), knocked.MissingChannels().OrderBy(c => c.GetHashCode()));
        Assert.Equal("crate 9 off", knocked.Meta[TranslationTableMeta.KnockOut]);
    }

    [Theory]
    [InlineData("1 3 0 1 1 1 0", "line 1: a row comes before the '#&' line")]
    [InlineData("#& crate slot channel sector layer component\n1 3 0 1 1 1", "line 1: the '#&' line lacks the column(s) order")]
    [InlineData("#& crate slot channel sector layer component order\n1 3 x 1 1 1 0", "line 2: channel 'x' is not a whole number")]
    [InlineData("#& crate slot channel sector layer component order\n1 3 0 1 1", "line 2: expected 7 values, found 5")]
    [InlineData("#& crate slot channel sector layer component order\n1 3 0 9 1 1 0", "ECAL has no channel at sector 9")]
    [InlineData("#& crate slot channel sector layer component order\n1 3 0 1 1 1 0\n1 3 0 1 1 2 0", "crate 1 slot 3 channel 0 appears twice")]
    public void Malformed_tables_are_refused_with_the_line_and_the_reason(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CcdbTextFormat.Read(text, Clas12.Ecal));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_comments_are_skipped()
    {
        var text = "#meta detector: ECAL\n# a comment\n#& sector layer component order crate slot channel\n2 1 5 0 9 3 4\n";
        var table = CcdbTextFormat.Read(text, Clas12.Ecal);

        var row = Assert.Single(table.Rows);
        Assert.Equal(new ElectronicsAddress(9, 3, 4), row.Address);
        Assert.Equal(new ReadoutChannel(new DetectorChannel(2, 1, 5), Readout.Adc), table.ToDetector(row.Address));
        Assert.Equal("ECAL", table.Meta["detector"]);
    }
}
