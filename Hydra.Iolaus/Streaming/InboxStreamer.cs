using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Streaming;

/// <summary>
/// Plays a live run into an inbox folder the way mon12 and hydra-linker do:
/// <c>&lt;inbox&gt;/&lt;run&gt;/&lt;PLOT&gt;_&lt;chunk:0000&gt;.png</c>, a chunk every interval. Each file is written
/// under a temporary name and renamed, so a watcher never reads half an image.
/// </summary>
public sealed class InboxStreamer(string inbox, RunConditions run, int seed, FaultSchedule schedule, IReadOnlyList<PlotDefinition>? plots = null)
{
    private readonly ChunkRenderer _renderer = new();

    public async Task<int> StreamAsync(int chunks, TimeSpan interval, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(inbox, run.RunNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var written = 0;
        for (var chunk = 1; chunks == 0 || chunk <= chunks; chunk++)
        {
            var faults = schedule.ActiveAt(chunk);
            foreach (var plot in _renderer.Render(run, chunk, seed, faults, plots))
            {
                var path = Path.Combine(folder, $"{plot.Name}_{chunk:0000}.png");
                var temporary = path + ".partial";
                await File.WriteAllBytesAsync(temporary, plot.Png, cancellationToken);
                File.Move(temporary, path, overwrite: true);
                written++;
            }
            await log.WriteLineAsync($"{DateTime.Now:HH:mm:ss} run {run.RunNumber} chunk {chunk}: {(faults.Count == 0 ? "no faults" : string.Join("; ", faults.Select(f => f.Describe())))}");
            if (chunks != 0 && chunk == chunks) break;
            await Task.Delay(interval, cancellationToken);
        }
        return written;
    }
}
