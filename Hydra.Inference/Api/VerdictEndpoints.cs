using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>Verdicts across plot types, filtered as the Log page asks (e.g. every Unconfirmed one of a run).</summary>
public static class VerdictEndpoints
{
    public static RouteGroupBuilder MapVerdictEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/verdicts", async (int? run, string? detector, string? classification, bool? confirmed, bool? byModel, DateTimeOffset? from, DateTimeOffset? to, int? limit, MonitoringDb db, CancellationToken ct) =>
            {
                var verdicts = db.Verdicts.AsQueryable();
                if (run is not null) verdicts = verdicts.Where(v => v.Image!.Run!.RunNumber == run);
                if (!string.IsNullOrEmpty(detector)) verdicts = verdicts.Where(v => v.Image!.PlotType!.Detector == detector);
                if (!string.IsNullOrEmpty(classification)) verdicts = verdicts.Where(v => v.Classification == classification);
                if (confirmed is not null) verdicts = verdicts.Where(v => v.Confirmed == confirmed);
                // byModel: only what a model said (the Log's "unconfirmed" means a model was unsure, not that there was no model).
                if (byModel is true) verdicts = verdicts.Where(v => v.ModelId != null);
                if (from is not null) verdicts = verdicts.Where(v => v.Image!.RecordedAt >= from);
                if (to is not null) verdicts = verdicts.Where(v => v.Image!.RecordedAt <= to);
                return await VerdictQueries.Views(verdicts.OrderByDescending(v => v.Id).Take(Limits.Clamp(limit, 200))).ToListAsync(ct);
            })
            .WithTags("Verdicts")
            .Produces<List<VerdictView>>()
            .WithSummary("Verdicts, newest first, filtered by run, detector, classification, confirmation, byModel (only verdicts a model gave) and time.");
        return api;
    }
}
