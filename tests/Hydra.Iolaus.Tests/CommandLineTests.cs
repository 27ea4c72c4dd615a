using Hydra.Iolaus.Cli;

namespace Hydra.Iolaus.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Tt_export_prints_one_table_in_ccdb_text()
    {
        var output = new StringWriter();

        var exit = TtExportCommand.Run(new Arguments(["--detector", "ecal"], new HashSet<string>()), output);

        Assert.Equal(0, exit);
        Assert.Contains("#& crate slot channel sector layer component order", output.ToString());
        Assert.Contains("#meta synthetic: false", output.ToString());
        Assert.Equal(2 * 2448, output.ToString().Split('\n').Count(line => line.Length > 0 && char.IsDigit(line[0])));
    }

    [Fact]
    public void Render_writes_the_monitoring_layout()
    {
        var folder = Directory.CreateTempSubdirectory("iolaus-render").FullName;
        try
        {
            var exit = RenderCommand.Run(new Arguments(
                ["--out", folder, "--run", "5038", "--chunk", "12", "--plots", "ECAL_adcOccupancy,RF_time", "--fault", "crate:ECAL:9", "--layout"],
                new HashSet<string> { "layout" }), TextWriter.Null);

            Assert.Equal(0, exit);
            Assert.True(File.Exists(Path.Combine(folder, "5038", "ECAL_adcOccupancy_0012.png")));
            Assert.True(File.Exists(Path.Combine(folder, "5038", "RF_time_0012.png")));
            Assert.Contains("\"frame\"", File.ReadAllText(Path.Combine(folder, "5038", "ECAL_adcOccupancy_0012.layout.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "--out", "x", "--chunk", "many" }, "--chunk must be a whole number")]
    [InlineData(new[] { "--out", "x", "--colour", "red" }, "unknown option(s): --colour")]
    [InlineData(new[] { "--out", "x", "--plots", "ECAL_nothing" }, "unknown plot 'ECAL_nothing'")]
    [InlineData(new[] { "--out", "x", "--fault", "crate:ECAL" }, "fault 'crate:ECAL'")]
    [InlineData(new[] { "--out", "x", "--target", "Gold" }, "--target must be one of")]
    [InlineData(new[] { "--chunk", "3" }, "render needs --out FOLDER")]
    [InlineData(new[] { "--out" }, "--out needs a value")]
    public void Bad_arguments_are_refused_with_a_clear_message(string[] args, string message)
    {
        var error = Assert.Throws<UsageException>(() => RenderCommand.Run(new Arguments(args, new HashSet<string> { "layout" }), TextWriter.Null));
        Assert.Contains(message, error.Message);
    }
}
