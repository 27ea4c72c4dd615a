using Hydra.Core.Monitoring;

namespace Hydra.Inference.Models;

/// <summary>Model versions as the API shows them.</summary>
public static class ModelViews
{
    public static IQueryable<ModelView> Views(IQueryable<ModelVersion> models) =>
        models.Select(m => new ModelView(
            m.Id, m.PlotType!.Name, m.Name, m.ParentModelId, m.CreatedAt, m.Labels,
            m.InputChannels, m.InputHeight, m.InputWidth, m.Origin, Convert.ToHexStringLower(m.FileSha256),
            m.PlotType.ActiveModelId == m.Id,
            m.Thresholds.OrderBy(t => t.Classification)
                .Select(t => new ThresholdView(t.Classification, t.Threshold, t.Method, t.SetBy, t.SetAt, t.Basis)).ToList()));
}
