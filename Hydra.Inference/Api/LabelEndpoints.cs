using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Labels;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>Expert labels: apply a batch, read an image's label and its history, list what needs labelling.</summary>
public static class LabelEndpoints
{
    public static RouteGroupBuilder MapLabelEndpoints(this RouteGroupBuilder api)
    {
        var labels = api.MapGroup("").WithTags("Labels");

        labels.MapPost("/labels", async (LabelBatch batch, MonitoringDb db, CancellationToken ct) =>
            {
                var (result, error) = await LabelBook.ApplyAsync(db, batch, ct);
                return result is null ? Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Labels not applied") : Results.Ok(result);
            })
            .Produces<LabelBatchResult>()
            .WithSummary("Apply N labels in one transaction (a null classification erases); all or nothing.");

        labels.MapGet("/images/{id:long}/labels", async (long id, MonitoringDb db, CancellationToken ct) =>
                await db.LabelChanges.Where(c => c.ImageId == id).OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)
                    .Select(c => new LabelView(c.ImageId, c.NewClassification, c.ChangedBy, c.ChangedAt, c.Comment)).ToListAsync(ct))
            .Produces<List<LabelView>>()
            .WithSummary("An image's label history, oldest first (the last entry is the current label).");

        labels.MapGet("/plot-types/{name}/unlabelled", async (string name, int? limit, int? fromRun, int? toRun, MonitoringDb db, CancellationToken ct) =>
            {
                var images = db.Images.Where(i => i.PlotType!.Name == name && i.PrunedAt == null && !db.Labels.Any(l => l.ImageId == i.Id));
                if (fromRun is not null) images = images.Where(i => i.Run!.RunNumber >= fromRun);
                if (toRun is not null) images = images.Where(i => i.Run!.RunNumber <= toRun);
                return await images.OrderByDescending(i => i.Id).Take(Math.Clamp(limit ?? 100, 1, 1000)).Select(i => i.Id).ToListAsync(ct);
            })
            .Produces<List<long>>()
            .WithSummary("The newest unlabelled images of a plot type (default 100), optionally within a run range.");

        labels.MapGet("/plot-types/{name}/label-statistics", async (string name, MonitoringDb db, CancellationToken ct) =>
            {
                if (!await db.PlotTypes.AnyAsync(p => p.Name == name, ct))
                    return Results.Problem($"no plot type '{name}'", statusCode: StatusCodes.Status404NotFound, title: "No such plot type");
                // Labelled images are never pruned (retention keeps them), so counting stored images is exact.
                var images = await db.Images.CountAsync(i => i.PlotType!.Name == name && i.PrunedAt == null, ct);
                var byClass = await db.Labels.Where(l => l.Image!.PlotType!.Name == name).GroupBy(l => l.Classification)
                    .Select(g => new { Classification = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Classification, g => g.Count, ct);
                return Results.Ok(new PlotLabelStatistics(name, images, byClass.Values.Sum(), byClass));
            })
            .Produces<PlotLabelStatistics>()
            .WithSummary("A plot type's labelling, counted exactly: stored images, labelled images and the current labels per class.");
        return api;
    }
}
