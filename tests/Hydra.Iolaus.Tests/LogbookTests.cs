using Hydra.Iolaus.Cli;
using Hydra.Iolaus.Logbook;
using Hydra.Iolaus.Simulation;
using Hydra.Iolaus.Streaming;

namespace Hydra.Iolaus.Tests;

/// <summary>The emulated logbook says what the fault schedule did, when it did it.</summary>
public sealed class LogbookTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_scheduled_fault_gets_a_note_when_noticed_and_one_when_fixed()
    {
        var schedule = FaultSchedule.Parse("""
            12-40  hv:ECAL:2:4-6:1-12
            45-47  nodata
            60-    crate:DC:44
            """);

        var entries = EmulatedLogbook.Write(RunConditions.Default(16042), schedule, Start, TimeSpan.FromMinutes(2), chunks: 300);

        var trip = Assert.Single(entries, e => e.Title.StartsWith("ECAL sector 2 HV board out"));
        Assert.Equal(Start.AddMinutes(2 * (12 - 1 + EmulatedLogbook.NoticedAfterChunks)), trip.Time);
        Assert.Equal(["ECAL", "HV"], trip.Tags);
        Assert.Equal("ECAL expert", trip.Author);
        var reset = Assert.Single(entries, e => e.Title == "ECAL HV trip fixed");
        Assert.Equal(Start.AddMinutes(2 * 40), reset.Time);
        Assert.Contains("HV board reset at 09:20 (chunk 41)", reset.Body);

        Assert.Single(entries, e => e.Title == "Beam off" && e.Tags.Contains("beam"));
        Assert.Single(entries, e => e.Title.StartsWith("DC crate 44"));
        Assert.DoesNotContain(entries, e => e.Title == "DC readout lost fixed"); // open-ended: never fixed in this run
        var summary = Assert.Single(entries, e => e.Title.StartsWith("Shift summary"));
        Assert.Contains("ECAL sector 2 HV board out", summary.Body);
        Assert.Equal(entries.OrderBy(e => e.Time), entries);
        Assert.All(entries, e => Assert.Equal(16042, e.RunNumber));
    }

    [Fact]
    public void Csv_quotes_what_needs_quoting()
    {
        var csv = EmulatedLogbook.ToCsv([new LogbookEntry("A \"quoted\", title", "line", "me", Start, ["x", "y"], 7)]);
        Assert.Equal("title,body,author,time,tags,run\n\"A \"\"quoted\"\", title\",\"line\",\"me\",2026-11-27T08:00:00.0000000+00:00,\"x;y\",7\n", csv);
    }

    [Theory]
    [InlineData(new[] { "--schedule", "x" }, "logbook needs --out")]
    [InlineData(new[] { "--out", "x.txt" }, "--out must end in .json or .csv")]
    [InlineData(new[] { "--out", "x.json", "--start", "noon" }, "--start must be a time")]
    [InlineData(new[] { "--out", "x.json", "--schedule", "/nonexistent" }, "does not exist")]
    public async Task Bad_logbook_arguments_are_refused_with_a_clear_message(string[] args, string message)
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => LogbookCommand.RunAsync(new Arguments(args, new HashSet<string>()), TextWriter.Null));
        Assert.Contains(message, error.Message);
    }
}
