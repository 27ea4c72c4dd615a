using Hydra.Core.Classifications;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Labels;

/// <summary>
/// Applies a labeller's batch in one transaction, writing the full history (who, when, old, new) so
/// a relabelling never erases what an expert said before. Labels are what training and evaluation
/// learn from, so a batch with one bad row is refused whole.
/// </summary>
public static class LabelBook
{
    public const int MaxBatch = 1000;

    public static string? Validate(LabelBatch batch)
    {
        if (string.IsNullOrWhiteSpace(batch.Labeller) || batch.Labeller.Length > 100) return "labeller: the person's name, 1 to 100 characters";
        if (batch.Changes is null || batch.Changes.Count == 0) return "no changes";
        if (batch.Changes.Count > MaxBatch) return $"at most {MaxBatch} changes at once";
        if (batch.Changes.GroupBy(c => c.ImageId).FirstOrDefault(g => g.Count() > 1) is { } twice) return $"image {twice.Key} appears twice";
        foreach (var change in batch.Changes)
        {
            if (change.Classification is not null && !Enum.TryParse<Classification>(change.Classification, ignoreCase: false, out _))
            {
                return $"'{ImageName.Printable(change.Classification)}' is not a class; the classes are {string.Join(", ", Enum.GetNames<Classification>())}";
            }
            if (change.Comment is { Length: > 2000 }) return $"image {change.ImageId}: a comment is at most 2,000 characters";
        }
        return null;
    }

    /// <summary>Returns null and the result, or the reason nothing was applied.</summary>
    public static async Task<(LabelBatchResult? Result, string? Error)> ApplyAsync(MonitoringDb db, LabelBatch batch, CancellationToken cancellationToken)
    {
        if (Validate(batch) is { } invalid) return (null, invalid);
        var ids = batch.Changes.Select(c => c.ImageId).ToList();
        var existing = await db.Images.Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        if (ids.Except(existing).FirstOrDefault() is var missing and > 0) return (null, $"no image {missing}");

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var current = await db.Labels.Where(l => ids.Contains(l.ImageId)).ToDictionaryAsync(l => l.ImageId, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var by = batch.Labeller.Trim();
            int applied = 0, unchanged = 0;
            foreach (var change in batch.Changes)
            {
                current.TryGetValue(change.ImageId, out var label);
                if (label?.Classification == change.Classification)
                {
                    unchanged++;
                    continue;
                }
                db.LabelChanges.Add(new LabelChange
                {
                    ImageId = change.ImageId, OldClassification = label?.Classification, NewClassification = change.Classification,
                    ChangedBy = by, ChangedAt = now, Comment = change.Comment,
                });
                if (change.Classification is null) db.Labels.Remove(label!);
                else if (label is null) db.Labels.Add(new ImageLabel { ImageId = change.ImageId, Classification = change.Classification, LabelledBy = by, LabelledAt = now, Comment = change.Comment });
                else (label.Classification, label.LabelledBy, label.LabelledAt, label.Comment) = (change.Classification, by, now, change.Comment);
                applied++;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ((LabelBatchResult?)new LabelBatchResult(applied, unchanged), (string?)null);
        });
    }
}
