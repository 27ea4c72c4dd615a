using Hydra.Core.Classifications;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Models.Imaging;
using Hydra.Models.Networks;
using Hydra.Models.Onnx;
using Hydra.Models.Training;
using Hydra.Shared;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Models;

/// <summary>
/// Trains new model versions from the experts' current labels, one job at a time per replica, on
/// one core: the live pipeline keeps the other. The result is evaluated on held-out images, gets
/// the max-F1 thresholds as a proposal, and waits inactive until an expert activates it.
/// </summary>
public sealed class TrainingJobRunner(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    ModelRegistry registry,
    ILogger<TrainingJobRunner> logger) : BackgroundService
{
    public const int MinImages = 10;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LostAfter = TimeSpan.FromMinutes(10);
    private readonly string _replica = $"{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDoneAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimAsync(stoppingToken) is { } jobId) await RunAsync(jobId, stoppingToken);
                else await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception exception)
            {
                logger.LogWarning("Training runner paused: {Reason}", exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<long?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var now = DateTimeOffset.UtcNow;
        var lost = now - LostAfter;
        await db.TrainingJobs.Where(j => j.Status == TrainingJobStatus.Running && j.HeartbeatAt < lost)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, TrainingJobStatus.Failed).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Error, "the replica training it stopped"), cancellationToken);
        var claimed = await db.Database.SqlQuery<long>(
            $"""
            UPDATE training_jobs SET status = 'Running', started_at = {now}, heartbeat_at = {now}, running_on = {_replica}
            WHERE id = (SELECT id FROM training_jobs WHERE status = 'Queued' ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        return claimed.Count == 1 ? claimed[0] : null;
    }

    private async Task RunAsync(long jobId, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
            var job = await db.TrainingJobs.Include(j => j.PlotType).FirstAsync(j => j.Id == jobId, cancel.Token);
            var images = await db.Labels
                .Where(l => l.Image!.PlotTypeId == job.PlotTypeId && l.Image.TrainingWeight > 0 && l.Image.PrunedAt == null
                    && l.Classification != nameof(Classification.Ignore))
                .Join(db.ImageContents, l => l.ImageId, c => c.ImageId, (l, c) => new { l.ImageId, c.Png, l.Classification })
                .ToListAsync(cancel.Token);
            var classes = images.Select(i => i.Classification).Distinct().Count();
            if (images.Count < MinImages || classes < 2)
            {
                await FinishAsync(jobId, TrainingJobStatus.Failed, null, null,
                    $"needs at least {MinImages} labelled images in at least 2 classes; {job.PlotType!.Name} has {images.Count} in {classes}");
                return;
            }

            var options = new TrainingOptions { Epochs = job.Epochs, Seed = job.Seed, Patience = 12, LearningRate = 0.003f, MaxDegreeOfParallelism = 1 };
            var progress = new JobProgress(scopes, jobId, cancel);
            var parent = await ParentAsync(db, job.PlotType!.ActiveModelId, images.Select(i => i.Classification), cancel.Token);
            TrainedPlotModel trained;
            try
            {
                trained = await Task.Run(() => PlotModelBuilder.Train([.. images.Select(i => (i.Png, i.Classification))],
                    parent?.Input ?? PlotModelBuilder.DefaultInput, options, progress: progress, cancellationToken: cancel.Token, parent: parent), cancel.Token);
            }
            catch (ImageDecodeException damaged) when (damaged.Position is { } position)
            {
                // Ingest checks every PNG, so this is a stored image damaged since: name it for the expert to relabel as Ignore.
                await FinishAsync(jobId, TrainingJobStatus.Failed, null, null,
                    $"labelled image {images[position].ImageId} is not a complete PNG ({damaged.InnerException?.Message ?? damaged.Message}); label it Ignore and train again");
                return;
            }

            var name = parent is null
                ? $"trained {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} for {job.RequestedBy}"
                : $"fine-tuned {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} for {job.RequestedBy}";
            var card = ModelCard.For(job.PlotType!.Name, trained, $"labels of {job.PlotType.Name}");
            var import = new ModelRegistry.Import(job.PlotType.Name, trained.Onnx, name, job.PlotType.ActiveModelId, parent is null ? "trained" : "fine-tuned", card.Thresholds);
            var (model, error) = await registry.ImportAsync(db, import, cancel.Token);
            if (model is null)
            {
                await FinishAsync(jobId, TrainingJobStatus.Failed, null, trained.TrainingImages, error);
                return;
            }
            db.ModelTrainingImages.AddRange(images.Select((image, i) => new ModelTrainingImage
            {
                ModelId = model.ModelId, ImageId = image.ImageId, Label = image.Classification, HeldOut = trained.HeldOutImages.Contains(i),
            }));
            await db.SaveChangesAsync(cancel.Token);
            await FinishAsync(jobId, TrainingJobStatus.Succeeded, model.ModelId, trained.TrainingImages, null);
            logger.LogInformation("Training job {JobId} made model {ModelId} for {Plot}: held-out accuracy {Accuracy:P0}",
                jobId, model.ModelId, job.PlotType.Name, trained.HeldOut.Accuracy);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            await FinishAsync(jobId, TrainingJobStatus.Cancelled, null, null, "cancelled");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Training job {JobId} failed", jobId);
            await FinishAsync(jobId, TrainingJobStatus.Failed, null, null, exception.Message);
        }
    }

    /// <summary>
    /// The active version's network to fine-tune from, as the original Hydra retrained: when Hydra
    /// trained it (an imported ONNX has layers of its own) and it knows exactly the labelled classes.
    /// </summary>
    private async Task<CamNetwork?> ParentAsync(MonitoringDb db, Guid? activeModelId, IEnumerable<string> labels, CancellationToken cancellationToken)
    {
        if (activeModelId is null) return null;
        var onnx = await db.ModelFiles.Where(f => f.ModelId == activeModelId).Select(f => f.Onnx).FirstOrDefaultAsync(cancellationToken);
        if (onnx is null) return null;
        var parent = CamNetworkImport.TryRead(onnx, out var reason);
        if (parent is null)
        {
            logger.LogInformation("Training from scratch: active model {ModelId} cannot be fine-tuned ({Reason})", activeModelId, reason);
            return null;
        }
        return PlotModelBuilder.CanFineTune(parent, labels, parent.Input) ? parent : null;
    }

    private async Task FinishAsync(long jobId, TrainingJobStatus status, Guid? modelId, int? images, string? error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var now = DateTimeOffset.UtcNow;
        await db.TrainingJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, status).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.ModelId, modelId)
            .SetProperty(j => j.TrainingImages, images).SetProperty(j => j.Error, error).SetProperty(j => j.SecondsLeft, status == TrainingJobStatus.Succeeded ? 0 : null));
    }

    /// <summary>Writes each epoch to the job row and notices a cancellation asked for through the API.</summary>
    private sealed class JobProgress(IServiceScopeFactory scopes, long jobId, CancellationTokenSource cancel) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
            var now = DateTimeOffset.UtcNow;
            db.TrainingJobs.Where(j => j.Id == jobId).ExecuteUpdate(set => set
                .SetProperty(j => j.Epoch, value.Epoch).SetProperty(j => j.TrainLoss, value.TrainLoss)
                .SetProperty(j => j.ValidationLoss, value.ValidationLoss).SetProperty(j => j.ValidationAccuracy, value.ValidationAccuracy)
                .SetProperty(j => j.SecondsLeft, value.EstimatedTimeLeft.TotalSeconds).SetProperty(j => j.HeartbeatAt, now));
            if (db.TrainingJobs.Any(j => j.Id == jobId && j.Status == TrainingJobStatus.Cancelled)) cancel.Cancel();
        }
    }
}
