using Hydra.Iolaus.Cli;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Simulation;
using Hydra.Iolaus.Streaming;

namespace Hydra.Iolaus.Tests;

public sealed class StreamingTests
{
    [Fact]
    public void A_schedule_says_which_faults_are_active_in_which_chunk()
    {
        var schedule = FaultSchedule.Parse("""
            # ECAL sector 2 HV board out from chunk 12 to 40
            12-40  hv:ECAL:2:4-6:1-12
            55     nodata   # beam off
            60-    hot:FTOF:3:2:30
            """);

        Assert.Empty(schedule.ActiveAt(11));
        Assert.IsType<HvTrip>(Assert.Single(schedule.ActiveAt(12)));
        Assert.IsType<HvTrip>(Assert.Single(schedule.ActiveAt(40)));
        Assert.IsType<NoData>(Assert.Single(schedule.ActiveAt(55)));
        Assert.Empty(schedule.ActiveAt(56));
        Assert.IsType<HotChannel>(Assert.Single(schedule.ActiveAt(9999)));
    }

    [Fact]
    public void The_shipped_demo_schedule_parses_and_trips_ecal_sector_2()
    {
        var schedule = FaultSchedule.Parse(File.ReadAllText(Path.Combine(Hydra.Testing.Repository.Root, "Hydra.Iolaus", "Schedules", "demo-run.txt")));

        Assert.Equal(5, schedule.Entries.Count);
        Assert.Equal(new HvTrip("ECAL", 2, 4, 6, 1, 12), Assert.Single(schedule.ActiveAt(20)));
    }

    [Theory]
    [InlineData("12-40", "line 1: expected 'CHUNKS FAULT'")]
    [InlineData("\n40-12 nodata", "line 2: chunks '40-12' run backwards")]
    [InlineData("x nodata", "line 1: chunks 'x' must be N, N-M or N-")]
    [InlineData("3 crate:ECAL", "line 1: fault 'crate:ECAL'")]
    public void A_bad_schedule_names_the_line_and_the_problem(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => FaultSchedule.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Streaming_writes_each_chunk_into_the_run_folder_with_scheduled_faults()
    {
        var inbox = Directory.CreateTempSubdirectory("iolaus-inbox").FullName;
        try
        {
            var plots = new[] { PlotCatalog.Get("ECAL_adcOccupancy") };
            var schedule = FaultSchedule.Parse("2 crate:ECAL:9");
            var log = new StringWriter();

            var written = await new RunStreamer(new InboxSink(inbox), RunConditions.Default(5038), 1, schedule, plots)
                .StreamAsync(chunks: 3, TimeSpan.Zero, log, CancellationToken.None);

            Assert.Equal(3, written);
            Assert.Equal(["ECAL_adcOccupancy_0001.png", "ECAL_adcOccupancy_0002.png", "ECAL_adcOccupancy_0003.png"],
                Directory.GetFiles(Path.Combine(inbox, "5038")).Select(Path.GetFileName).Order());
            Assert.Contains("chunk 2: ECAL crate 9 knocked out", log.ToString());
            Assert.Contains("chunk 3: no faults", log.ToString());
        }
        finally
        {
            Directory.Delete(inbox, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_schedule_file_is_a_clear_usage_error()
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => StreamCommand.RunAsync(
            new Arguments(["--inbox", "/tmp/x", "--schedule", "/nonexistent/schedule.txt"], new HashSet<string>()), TextWriter.Null, CancellationToken.None));
        Assert.Contains("schedule file '/nonexistent/schedule.txt' does not exist", error.Message);
    }
}
