using System.Globalization;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Simulation;
using Hydra.Iolaus.Streaming;

namespace Hydra.Iolaus.Logbook;

/// <summary>One logbook entry, in the shape the assistant imports (title, body, author, time, tags, run).</summary>
public sealed record LogbookEntry(string Title, string Body, string Author, DateTimeOffset Time, IReadOnlyList<string> Tags, int RunNumber);

/// <summary>
/// What the shift crew and the experts would have written during a streamed run: the run start, a
/// note when each scheduled fault was noticed and one when it was fixed (as CLAS12's logbook reads:
/// "HV board in ECAL sector 2 tripped, reset at 13:10"), and a shift summary every eight hours. It
/// matches the fault schedule chunk for chunk, so the assistant's answers can be checked against it.
/// </summary>
public static class EmulatedLogbook
{
    /// <summary>A fault is noticed this many chunks after it starts: the original's experts took minutes to hours.</summary>
    public const int NoticedAfterChunks = 2;
    private static readonly TimeSpan ShiftLength = TimeSpan.FromHours(8);

    public static IReadOnlyList<LogbookEntry> Write(RunConditions run, FaultSchedule schedule, DateTimeOffset start, TimeSpan chunkInterval, int chunks)
    {
        DateTimeOffset TimeOf(int chunk) => start + chunkInterval * (chunk - 1);
        var entries = new List<LogbookEntry>
        {
            new($"Run {run.RunNumber} started", $"Run {run.RunNumber} started: {run.Island}. Monitoring saves a chunk every {chunkInterval.TotalMinutes:0.#} min.",
                "Shift leader", start, ["run", "shift"], run.RunNumber),
        };

        foreach (var scheduled in schedule.Entries.Where(e => e.First <= chunks))
        {
            var fault = scheduled.Fault;
            var noticed = Math.Min(chunks, scheduled.First + NoticedAfterChunks);
            var (who, tags) = Expert(fault);
            entries.Add(new(fault is NoData or LowStatistics ? Subject(fault) : Capitalized(fault.Describe()),
                $"{Noticed(fault)} since about {TimeOf(scheduled.First):HH:mm} (chunk {scheduled.First}). {Action(fault)}",
                who, TimeOf(noticed), tags, run.RunNumber));
            if (scheduled.Last is { } last && last < chunks)
            {
                entries.Add(new($"{Subject(fault)} fixed",
                    $"{Fixed(fault)} at {TimeOf(last + 1):HH:mm} (chunk {last + 1}); the plots are back to normal.",
                    who, TimeOf(last + 1), tags, run.RunNumber));
            }
        }

        for (var shiftEnd = start + ShiftLength; shiftEnd <= TimeOf(chunks); shiftEnd += ShiftLength)
        {
            var from = shiftEnd - ShiftLength;
            var during = schedule.Entries
                .Where(e => TimeOf(e.First) < shiftEnd && (e.Last is null || TimeOf(e.Last.Value + 1) > from))
                .Select(e => e.Fault.Describe()).ToList();
            entries.Add(new($"Shift summary {from:HH:mm}-{shiftEnd:HH:mm}",
                during.Count == 0 ? $"Run {run.RunNumber} continued without problems." : $"Run {run.RunNumber}. Problems this shift: {string.Join("; ", during)}.",
                "Shift leader", shiftEnd, ["shift", "summary"], run.RunNumber));
        }
        return [.. entries.OrderBy(e => e.Time)];
    }

    private static (string Who, IReadOnlyList<string> Tags) Expert(Fault fault) => fault switch
    {
        NoData or LowStatistics => ("Shift leader", ["beam"]),
        HvTrip => ($"{fault.Detector} expert", [fault.Detector!, "HV"]),
        CrateKnockOut or SlotKnockOut => ($"{fault.Detector} expert", [fault.Detector!, "DAQ"]),
        _ => ($"{fault.Detector} expert", [fault.Detector!]),
    };

    private static string Subject(Fault fault) => fault switch
    {
        NoData => "Beam off",
        LowStatistics => "Beam tuning",
        HvTrip => $"{fault.Detector} HV trip",
        CrateKnockOut or SlotKnockOut => $"{fault.Detector} readout lost",
        HotChannel => $"{fault.Detector} hot channel",
        _ => $"{fault.Detector} problem",
    };

    private static string Noticed(Fault fault) => fault switch
    {
        NoData => "No beam from the accelerator: all histograms empty",
        LowStatistics => "Low rates while the accelerator tunes the beam",
        _ => $"Hydra and the shift crew see {fault.Describe()}",
    };

    private static string Action(Fault fault) => fault switch
    {
        NoData or LowStatistics => "Nothing to do on our side; waiting for MCC.",
        HvTrip => "Called the expert; HV board to be reset from the slow-control GUI.",
        CrateKnockOut or SlotKnockOut => "Called the DAQ expert; crate to be power-cycled between runs.",
        HotChannel => "Known hot channel; will be masked in the next run.",
        _ => "Expert informed.",
    };

    private static string Fixed(Fault fault) => fault switch
    {
        NoData => "Beam back",
        LowStatistics => "Beam tuning finished",
        HvTrip => "HV board reset",
        CrateKnockOut or SlotKnockOut => "Crate power-cycled, readout back",
        _ => "Fixed",
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>CSV with a header line, RFC 4180 quoting; tags joined by ';'.</summary>
    public static string ToCsv(IEnumerable<LogbookEntry> entries)
    {
        static string Quote(string value) => $"\"{value.Replace("\"", "\"\"")}\"";
        var lines = new List<string> { "title,body,author,time,tags,run" };
        lines.AddRange(entries.Select(e => string.Join(',', Quote(e.Title), Quote(e.Body), Quote(e.Author),
            e.Time.ToString("O", CultureInfo.InvariantCulture), Quote(string.Join(';', e.Tags)), e.RunNumber.ToString(CultureInfo.InvariantCulture))));
        return string.Join('\n', lines) + "\n";
    }
}
