using Hydra.Core.Classifications;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>What the Labeler page reads: a batch of images with their palette, and the leader board.</summary>
public static class LabelerEndpoints
{
    /// <summary>The palette when a plot type has no model yet: the classes Iolaus' datasets and most experts use.</summary>
    private static readonly string[] DefaultClasses =
        [nameof(Classification.Good), nameof(Classification.Bad), nameof(Classification.NoData), nameof(Classification.Acceptable), nameof(Classification.HotChannel)];

    public static RouteGroupBuilder MapLabelerEndpoints(this RouteGroupBuilder api)
    {
        var labeler = api.MapGroup("").WithTags("Labels");

        labeler.MapGet("/plot-types/{name}/labeler", async (string name, LabelerMode? mode, int? fromRun, int? toRun, int? limit, MonitoringDb db, CancellationToken ct) =>
            {
                var plotType = await db.PlotTypes.Where(p => p.Name == name).Select(p => new { p.Id, p.ActiveModelId }).FirstOrDefaultAsync(ct);
                if (plotType is null) return Results.Problem($"no plot type '{Core.Monitoring.ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound, title: "No such plot type");

                var images = db.Images.Where(i => i.PlotTypeId == plotType.Id && i.PrunedAt == null);
                if (fromRun is not null) images = images.Where(i => i.Run!.RunNumber >= fromRun);
                if (toRun is not null) images = images.Where(i => i.Run!.RunNumber <= toRun);
                var unlabelled = images.Where(i => !db.Labels.Any(l => l.ImageId == i.Id));
                var shown = mode == LabelerMode.Labelled ? images.Where(i => db.Labels.Any(l => l.ImageId == i.Id)) : unlabelled;

                var rows = await shown.OrderByDescending(i => i.RecordedAt).ThenByDescending(i => i.Id).Take(Limits.Clamp(limit, 100))
                    .Select(i => new LabelerImage(
                        i.Id, i.Run!.RunNumber, i.Chunk, i.RecordedAt,
                        db.Labels.Where(l => l.ImageId == i.Id).Select(l => l.Classification).FirstOrDefault(),
                        db.Labels.Where(l => l.ImageId == i.Id).Select(l => l.LabelledBy).FirstOrDefault(),
                        db.Verdicts.Where(v => v.ImageId == i.Id).Select(v => v.Classification).FirstOrDefault(),
                        db.Verdicts.Where(v => v.ImageId == i.Id).Select(v => v.Confidence).FirstOrDefault()))
                    .ToListAsync(ct);
                return Results.Ok(new LabelerBatchView(name, await PaletteAsync(db, plotType.Id, plotType.ActiveModelId, ct), await unlabelled.CountAsync(ct), rows));
            })
            .Produces<LabelerBatchView>()
            .WithSummary("A Labeler batch (default: the 100 newest unlabelled images; mode=Labelled for editor mode), with the plot type's palette of classes.");

        labeler.MapGet("/labels/leaderboard", async (int? days, MonitoringDb db, CancellationToken ct) =>
            {
                var changes = db.LabelChanges.AsQueryable();
                if (days is > 0) changes = changes.Where(c => c.ChangedAt >= DateTimeOffset.UtcNow.AddDays(-days.Value));
                var scores = await changes.GroupBy(c => c.ChangedBy)
                    .Select(g => new LabellerScore(g.Key, g.Count(), g.Max(c => c.ChangedAt)))
                    .ToListAsync(ct);
                return scores.OrderByDescending(s => s.Labels).ThenBy(s => s.Labeller, StringComparer.Ordinal).ToList();
            })
            .Produces<List<LabellerScore>>()
            .WithSummary("Who labelled how much (optionally over the last N days).");
        return api;
    }

    /// <summary>
    /// The classes an expert may give: the active model's classes plus any already used for this plot
    /// type (so relabelling never loses one), or the usual ones when neither exists; Ignore is always offered.
    /// </summary>
    private static async Task<List<string>> PaletteAsync(MonitoringDb db, int plotTypeId, Guid? activeModelId, CancellationToken ct)
    {
        var modelClasses = activeModelId is null ? [] : await db.Models.Where(m => m.Id == activeModelId).Select(m => m.Labels).FirstOrDefaultAsync(ct) ?? [];
        var usedClasses = await db.Labels.Where(l => l.Image!.PlotTypeId == plotTypeId).Select(l => l.Classification).Distinct().ToListAsync(ct);
        var palette = modelClasses.Concat(usedClasses).ToList();
        if (palette.Count == 0) palette.AddRange(DefaultClasses);
        palette.Add(nameof(Classification.Ignore));
        var order = Enum.GetNames<Classification>().ToList();
        return [.. palette.Distinct().OrderBy(c => order.IndexOf(c) is var i and >= 0 ? i : int.MaxValue)];
    }
}
