using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>The Statistics page's figures: labelling per detector system and how well the models agree with the experts.</summary>
public static class StatisticsEndpoints
{
    public static RouteGroupBuilder MapStatisticsEndpoints(this RouteGroupBuilder api)
    {
        var statistics = api.MapGroup("/statistics").WithTags("Statistics");

        statistics.MapGet("/labels", async (MonitoringDb db, CancellationToken ct) =>
            {
                var images = await db.Images.GroupBy(i => i.PlotType!.Detector).Select(g => new { Detector = g.Key, Count = g.Count() }).ToListAsync(ct);
                var labels = await db.Labels.GroupBy(l => new { l.Image!.PlotType!.Detector, l.Classification })
                    .Select(g => new { g.Key.Detector, g.Key.Classification, Count = g.Count() }).ToListAsync(ct);
                return images.OrderBy(i => i.Detector, StringComparer.Ordinal).Select(i =>
                {
                    var byClass = labels.Where(l => l.Detector == i.Detector).ToDictionary(l => l.Classification, l => l.Count);
                    return new DetectorLabelStatistics(i.Detector, i.Count, byClass.Values.Sum(), byClass);
                }).ToList();
            })
            .Produces<List<DetectorLabelStatistics>>()
            .WithSummary("Per detector system: images, labelled images and the label distribution.");

        statistics.MapGet("/model-agreement", async (MonitoringDb db, CancellationToken ct) =>
            {
                // Only verdicts a model gave (NoModel/Ignored/ModelError are not a model's opinion).
                var judged = await db.Verdicts.Where(v => v.ModelId != null)
                    .Join(db.Labels, v => v.ImageId, l => l.ImageId, (v, l) => new
                    {
                        v.Image!.PlotType!.Detector,
                        Period = v.Image.Run!.RunPeriod == null ? null : v.Image.Run.RunPeriod.Name,
                        Agreed = v.Classification == l.Classification,
                    })
                    .GroupBy(x => new { x.Detector, x.Period })
                    .Select(g => new { g.Key.Detector, g.Key.Period, Judged = g.Count(), Agreed = g.Count(x => x.Agreed) })
                    .ToListAsync(ct);
                var perPeriod = judged.Select(j => new ModelAgreement(j.Detector, j.Period ?? "no run period", j.Judged, j.Agreed));
                var allTime = judged.GroupBy(j => j.Detector).Select(g => new ModelAgreement(g.Key, null, g.Sum(j => j.Judged), g.Sum(j => j.Agreed)));
                return perPeriod.Concat(allTime).OrderBy(a => a.Detector, StringComparer.Ordinal).ThenBy(a => a.RunPeriod is null).ThenBy(a => a.RunPeriod, StringComparer.Ordinal).ToList();
            })
            .Produces<List<ModelAgreement>>()
            .WithSummary("How often the model's verdict matched the expert's label, per detector and run period, and all time (run period null).");
        return api;
    }
}
