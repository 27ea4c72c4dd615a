using System.Globalization;
using Hydra.Iolaus.Faults;

namespace Hydra.Iolaus.Streaming;

/// <summary>
/// Which faults are active in which chunks of a streamed run, read from a text file, one fault a line:
/// <code>
/// # ECAL sector 2 HV board out from chunk 12 to 40, as in the 2025 run
/// 12-40  hv:ECAL:2:4-6:1-12
/// 55     nodata
/// 60-    hot:FTOF:3:2:30      (open-ended)
/// </code>
/// </summary>
public sealed record FaultSchedule(IReadOnlyList<ScheduledFault> Entries)
{
    public static FaultSchedule Empty { get; } = new([]);

    public IReadOnlyList<Fault> ActiveAt(int chunk) => [.. Entries.Where(e => e.IsActiveAt(chunk)).Select(e => e.Fault)];

    public static FaultSchedule Parse(string text)
    {
        var entries = new List<ScheduledFault>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) throw new FormatException($"line {lineNumber}: expected 'CHUNKS FAULT', e.g. '12-40 crate:ECAL:9'");
            try
            {
                var (first, last) = Chunks(parts[0]);
                entries.Add(new ScheduledFault(first, last, FaultSpec.Parse(parts[1])));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }
        }
        return new FaultSchedule(entries);
    }

    private static (int First, int? Last) Chunks(string text)
    {
        var ends = text.Split('-');
        int Parse(string value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new FormatException($"chunks '{text}' must be N, N-M or N-");
        return ends.Length switch
        {
            1 => (Parse(ends[0]), Parse(ends[0])),
            2 when ends[1].Length == 0 => (Parse(ends[0]), null),
            2 => Parse(ends[1]) >= Parse(ends[0]) ? (Parse(ends[0]), Parse(ends[1])) : throw new FormatException($"chunks '{text}' run backwards"),
            _ => throw new FormatException($"chunks '{text}' must be N, N-M or N-"),
        };
    }
}

/// <summary>A fault active from chunk <see cref="First"/> to <see cref="Last"/> (inclusive; null = to the end of the run).</summary>
public sealed record ScheduledFault(int First, int? Last, Fault Fault)
{
    public bool IsActiveAt(int chunk) => chunk >= First && (Last is null || chunk <= Last);
}
