using Hydra.Core.Monitoring;
using Hydra.Inference.Pipeline;

namespace Hydra.Inference.Verdicts;

/// <summary>A just-committed verdict as a view, from what the worker already holds (no second query).</summary>
public static class VerdictViews
{
    public static VerdictView From(Verdict verdict, ImageJob job) => new(
        verdict.Id, job.ImageId, job.RunNumber, job.PlotName, job.Detector, job.Chunk,
        verdict.Classification, verdict.Confidence, verdict.Confirmed, verdict.Scores, verdict.ModelId,
        job.BeamCurrentNanoAmps, job.RecordedAt, verdict.JudgedAt, verdict.Cam is not null, verdict.Alarm?.Id ?? verdict.AlarmId, verdict.Regions,
        verdict.ReferenceImageId, verdict.ReferenceSimilarity);
}
