using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Pipeline;

namespace Hydra.Inference.Api;

/// <summary>How the pipeline is keeping up.</summary>
public static class PipelineEndpoints
{
    public static RouteGroupBuilder MapPipelineEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/pipeline/status", (MonitoringDb db, PipelineStatusReader reader, CancellationToken ct) => reader.ReadAsync(db, ct))
            .WithTags("Pipeline")
            .Produces<PipelineStatus>()
            .WithSummary("Queue length, images waiting for a verdict, per-stage timing histograms (last hour), images per day.");
        return api;
    }
}
