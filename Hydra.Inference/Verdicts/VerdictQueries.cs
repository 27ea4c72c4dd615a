using Hydra.Core.Monitoring;

namespace Hydra.Inference.Verdicts;

/// <summary>Verdicts as the API, the events and the hot run state show them.</summary>
public static class VerdictQueries
{
    public static IQueryable<VerdictView> Views(IQueryable<Verdict> verdicts) =>
        verdicts.Select(v => new VerdictView(
            v.Id,
            v.ImageId,
            v.Image!.Run!.RunNumber,
            v.Image.PlotType!.Name,
            v.Image.PlotType.Detector,
            v.Image.Chunk,
            v.Classification,
            v.Confidence,
            v.Confirmed,
            v.Scores,
            v.ModelId,
            v.Image.BeamCurrentNanoAmps,
            v.Image.RecordedAt,
            v.JudgedAt,
            v.Cam != null,
            v.AlarmId,
            v.Regions,
            v.ReferenceImageId,
            v.ReferenceSimilarity));
}
