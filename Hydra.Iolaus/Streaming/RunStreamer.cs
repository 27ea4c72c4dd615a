using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Streaming;

/// <summary>
/// Plays a live run the way mon12 does: every interval a chunk of plots, with the faults the
/// schedule has active at that chunk, handed to a sink (an inbox folder or Hydra's HTTP ingest).
/// </summary>
public sealed class RunStreamer(IImageSink sink, RunConditions run, int seed, FaultSchedule schedule, IReadOnlyList<PlotDefinition>? plots = null)
{
    private readonly ChunkRenderer _renderer = new();

    public async Task<int> StreamAsync(int chunks, TimeSpan interval, TextWriter log, CancellationToken cancellationToken)
    {
        await sink.BeginRunAsync(run, cancellationToken);
        var written = 0;
        for (var chunk = 1; chunks == 0 || chunk <= chunks; chunk++)
        {
            var faults = schedule.ActiveAt(chunk);
            // With the beam off (a NoData fault) the source reports no current: Hydra must not alarm.
            var beam = faults.Any(f => f is NoData) ? 0 : run.BeamCurrentNanoAmps;
            foreach (var plot in _renderer.Render(run, chunk, seed, faults, plots))
            {
                await sink.WriteAsync(run, plot, chunk, beam, cancellationToken);
                written++;
            }
            await log.WriteLineAsync($"{DateTime.Now:HH:mm:ss} run {run.RunNumber} chunk {chunk}: {(faults.Count == 0 ? "no faults" : string.Join("; ", faults.Select(f => f.Describe())))}");
            if (chunks != 0 && chunk == chunks) break;
            await Task.Delay(interval, cancellationToken);
        }
        return written;
    }
}
