using System.Text.Json;
using Hydra.Inference.Classify;
using Hydra.Inference.Data;
using Hydra.Models.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Models;

/// <summary>
/// Runs a model version over its plot type's labelled images (held-out ones when there are any, as
/// the original did, else all) and stores the evaluation. Optionally adopts the max-F1 thresholds for
/// every class whose threshold is still the default or an earlier sweep's; an expert's override stays,
/// and so does a shipped default's false-alarm bar until the labels outweigh its calibration set.
/// </summary>
public sealed class ModelEvaluator(ModelCatalog catalog)
{
    /// <summary>The newest labelled images used; enough for stable F1, quick enough for a request.</summary>
    public const int MaxImages = 5000;
    private const int BatchSize = 64;

    /// <summary>
    /// A shipped default's <see cref="ModelThreshold.FalseAlarmBar"/> threshold was measured on a
    /// calibration set of 1,000 images (ADR-019, ADR-021). A sweep over a few dozen labels would swap
    /// it for a noisier estimate, and a max-F1 one that does not hold false alarms down, so it is kept
    /// until the evaluation has at least as many images. An expert may still set it at any time.
    /// </summary>
    public const int MinImagesToReplaceFalseAlarmBar = 1000;

    /// <param name="ThresholdsKept">Classes whose threshold the sweep would have moved but did not, and why.</param>
    public sealed record Outcome(ModelEvaluation Evaluation, bool HeldOutOnly, IReadOnlyList<string> ThresholdsAdopted, IReadOnlyDictionary<string, string> ThresholdsKept);

    public async Task<Outcome?> EvaluateAsync(MonitoringDb db, Guid modelId, bool adoptThresholds, CancellationToken cancellationToken)
    {
        var version = await db.Models.Include(m => m.Thresholds).FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (version is null) return null;
        using var lease = await catalog.LeaseAsync(db, modelId, cancellationToken);
        var model = lease.Model;

        var labelled = db.Labels.Where(l => l.Image!.PlotTypeId == version.PlotTypeId && l.Image.PrunedAt == null);
        // Held out first: images this version never trained on (its training set is recorded), or
        // else the images experts kept out of training; all labelled images only when neither exists.
        var notTrainedOn = labelled.Where(l => !db.ModelTrainingImages.Any(t => t.ModelId == modelId && t.ImageId == l.ImageId && !t.HeldOut));
        var heldOutOnly = await db.ModelTrainingImages.AnyAsync(t => t.ModelId == modelId, cancellationToken) && await notTrainedOn.AnyAsync(cancellationToken);
        if (heldOutOnly) labelled = notTrainedOn;
        else if (await labelled.AnyAsync(l => l.Image!.TrainingWeight == 0, cancellationToken))
        {
            heldOutOnly = true;
            labelled = labelled.Where(l => l.Image!.TrainingWeight == 0);
        }
        var chosen = await labelled.OrderByDescending(l => l.ImageId).Take(MaxImages)
            .Select(l => new { l.ImageId, l.Classification }).ToListAsync(cancellationToken);

        var samples = new List<EvaluationSample>(chosen.Count);
        foreach (var batch in chosen.Chunk(BatchSize))
        {
            var ids = batch.Select(b => b.ImageId).ToList();
            var pngs = await db.ImageContents.Where(c => ids.Contains(c.ImageId)).ToDictionaryAsync(c => c.ImageId, c => c.Png, cancellationToken);
            var present = batch.Where(b => pngs.ContainsKey(b.ImageId)).ToList();
            var predictions = model.PredictPngs(present.Select(b => pngs[b.ImageId]).ToList());
            samples.AddRange(present.Select((b, i) => new EvaluationSample(b.Classification, predictions[i].Probabilities)));
        }

        var evaluation = ModelEvaluation.Evaluate(model.Labels, samples);
        db.Add(new ModelEvaluationRecord
        {
            ModelId = modelId, EvaluatedAt = DateTimeOffset.UtcNow, Samples = evaluation.Samples, HeldOutOnly = heldOutOnly,
            Result = JsonSerializer.Serialize(evaluation, JsonSerializerOptions.Web),
        });

        var adopted = new List<string>();
        var kept = new Dictionary<string, string>();
        if (adoptThresholds && evaluation.Samples > 0)
        {
            foreach (var sweep in evaluation.Thresholds)
            {
                var threshold = version.Thresholds.FirstOrDefault(t => t.Classification == sweep.Label);
                if (threshold is null || threshold.SetByExpert) continue;
                if (!evaluation.Classes.Any(c => c.Label == sweep.Label && c.Support > 0)) continue; // nothing to learn a threshold from
                if (threshold.Method == ModelThreshold.FalseAlarmBar && evaluation.Samples < MinImagesToReplaceFalseAlarmBar)
                {
                    // Said only when the sweep disagrees: "kept" about a threshold it would not move is noise.
                    if (Math.Abs(sweep.BestThreshold - threshold.Threshold) >= 1e-6f)
                    {
                        kept[sweep.Label] = $"held to a false-alarm bar ({threshold.Basis ?? "no basis recorded"}); {evaluation.Samples} labelled images " +
                            $"are fewer than the {MinImagesToReplaceFalseAlarmBar} it takes to replace it";
                    }
                    continue;
                }
                (threshold.Threshold, threshold.Method, threshold.SetBy, threshold.Basis, threshold.SetAt) = (sweep.BestThreshold, ModelThreshold.Swept, null, null, DateTimeOffset.UtcNow);
                adopted.Add(sweep.Label);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (adopted.Count > 0) catalog.ThresholdsChanged(modelId);
        return new Outcome(evaluation, heldOutOnly, adopted, kept);
    }
}
