using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>Plot types and their verdict history (the Timeline page).</summary>
public static class PlotTypeEndpoints
{
    public static RouteGroupBuilder MapPlotTypeEndpoints(this RouteGroupBuilder api)
    {
        var plots = api.MapGroup("/plot-types").WithTags("Plot types");

        plots.MapGet("/", async (MonitoringDb db, CancellationToken ct) =>
                await db.PlotTypes.OrderBy(p => p.Detector).ThenBy(p => p.Name)
                    .Select(p => new PlotTypeView(p.Id, p.Name, p.Detector, p.IsChunked, p.IsIgnored, p.CollectShare, p.ActiveModelId, p.RegisteredAt))
                    .ToListAsync(ct))
            .WithSummary("Every plot type Hydra has seen, by detector.");

        plots.MapGet("/{name}/verdicts", async (string name, int? run, DateTimeOffset? from, DateTimeOffset? to, int? limit, MonitoringDb db, CancellationToken ct) =>
            {
                if (!ImageName.IsValidPlotName(name) || !await db.PlotTypes.AnyAsync(p => p.Name == name, ct))
                {
                    return Results.Problem($"no plot type '{ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound, title: "No such plot type");
                }
                var verdicts = db.Verdicts.Where(v => v.Image!.PlotType!.Name == name);
                if (run is not null) verdicts = verdicts.Where(v => v.Image!.Run!.RunNumber == run);
                if (from is not null) verdicts = verdicts.Where(v => v.Image!.RecordedAt >= from);
                if (to is not null) verdicts = verdicts.Where(v => v.Image!.RecordedAt <= to);
                var newest = await VerdictQueries.Views(verdicts.OrderByDescending(v => v.Image!.RecordedAt).Take(Limits.Clamp(limit, 1000))).ToListAsync(ct);
                return Results.Ok(newest.OrderBy(v => v.RecordedAt).ToList());
            })
            .Produces<List<VerdictView>>()
            .WithSummary("A plot type's verdicts in time order, every class score included: the timeline of one plot.");
        return api;
    }
}
