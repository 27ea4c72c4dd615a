using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Streaming;

/// <summary>Where a streamed run's images go: an inbox folder, or Hydra's HTTP ingest.</summary>
public interface IImageSink
{
    /// <summary>Called once before the first chunk: the run's conditions, for sinks that can record them.</summary>
    Task BeginRunAsync(RunConditions run, CancellationToken cancellationToken);

    /// <param name="beamCurrentNanoAmps">The beam when the chunk was saved (0 while a NoData fault has the beam off).</param>
    Task WriteAsync(RunConditions run, RenderedPlot plot, int chunk, double beamCurrentNanoAmps, CancellationToken cancellationToken);
}
