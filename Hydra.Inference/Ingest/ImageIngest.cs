using System.Diagnostics;
using System.Security.Cryptography;
using Hydra.Core.Monitoring;
using Hydra.Inference.Classify;
using Hydra.Inference.Data;
using Hydra.Inference.Images;
using Hydra.Inference.Pipeline;
using Hydra.Inference.PlotTypes;
using Hydra.Inference.Runs;
using Hydra.Inference.Tell;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hydra.Inference.Ingest;

/// <summary>
/// Step 1 of the pipeline (ARCHITECTURE.md, "Arrive"): validate, store, queue. The image and its
/// bytes are written in one transaction, so nothing is ever half-stored; the same bytes twice are
/// one image. Queueing comes after the commit and may fail (Redis down) without losing the image:
/// <see cref="BacklogSweeper"/> queues whatever was stored but never queued.
/// </summary>
public sealed class ImageIngest(
    IServiceScopeFactory scopes,
    PlotTypeRegistry plotTypes,
    RunRegistry runs,
    JobQueue queue,
    ModelCatalog models,
    PreparedInputs prepared,
    EventPublisher events,
    PipelineMetrics metrics,
    IOptionsMonitor<HydraOptions> options,
    ILogger<ImageIngest> logger)
{
    public async Task<(ImageAccepted? Accepted, IngestError? Error)> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.CurrentValue.Ingest;
        if (Validate(request, settings) is { } invalid) return Refuse(request, invalid);

        var shape = models.InputShapeFor(request.PlotName);
        var size = PngInspector.Inspect(request.Png, settings.MaxImageSide, shape, out var tensor, out var pngError);
        if (pngError is not null) return Refuse(request, pngError);

        var hash = SHA256.HashData(request.Png);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();

            var plotTypeId = settings.UnknownPlotTypes == UnknownPlotTypePolicy.Register
                ? await plotTypes.GetOrRegisterAsync(db, request.PlotName, cancellationToken)
                : await plotTypes.FindAsync(db, request.PlotName, cancellationToken);
            if (plotTypeId is null)
            {
                return Refuse(request, new(IngestErrorKind.UnknownPlotType,
                    $"plot type '{request.PlotName}' is not registered, and this Hydra refuses unknown plot types"));
            }

            var receivedAt = DateTimeOffset.UtcNow;
            var recordedAt = request.RecordedAt ?? receivedAt;
            var run = await runs.GetOrStartAsync(db, request.RunNumber, recordedAt, settings.EndOlderRunsOnNewRun, cancellationToken);
            var collectShare = await plotTypes.CollectShareAsync(db, plotTypeId.Value, cancellationToken);

            var image = new MonitoringImage
            {
                PlotTypeId = plotTypeId.Value,
                RunId = run.RunId,
                Chunk = request.Chunk,
                ContentSha256 = hash,
                Width = size.Width,
                Height = size.Height,
                SizeBytes = request.Png.Length,
                RecordedAt = recordedAt,
                ReceivedAt = receivedAt,
                BeamCurrentNanoAmps = request.BeamCurrentNanoAmps,
                IsCollected = Random.Shared.NextDouble() < collectShare,
                IngestMs = (float)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                // Set before the XADD to save a round trip; reset if the XADD fails. A crash in
                // between leaves a queued-looking image without a job, which the sweeper finds.
                EnqueuedAt = receivedAt,
            };
            try
            {
                image.Id = await ImageRows.InsertAsync(db, image, request.Png, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // The unique index on the hash is the duplicate check: one round trip, race-free.
                return (await FindDuplicateAsync(db, hash, cancellationToken), null);
            }

            if (tensor is not null) prepared.Put(image.Id, shape!, tensor);
            if (run.Started) await events.RunsChangedAsync(db, [request.RunNumber, .. run.EndedRunNumbers], cancellationToken);
            var queued = await TryEnqueueAsync(db, image.Id, cancellationToken);
            metrics.ImageIngested("accepted", Stopwatch.GetElapsedTime(started));
            return (new ImageAccepted(image.Id, request.RunNumber, request.PlotName, request.Chunk, Duplicate: false, queued), null);
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception))
        {
            logger.LogWarning(exception, "Could not store {Source}: the database is unavailable", request.Source);
            return Refuse(request, new(IngestErrorKind.Unavailable, "the monitoring database is unavailable; retry shortly"));
        }
    }

    private static IngestError? Validate(IngestRequest request, IngestOptions settings)
    {
        if (request.RunNumber <= 0) return new(IngestErrorKind.BadName, $"run number {request.RunNumber} is not a positive integer");
        if (!ImageName.IsValidPlotName(request.PlotName))
        {
            return new(IngestErrorKind.BadName,
                $"'{ImageName.Printable(request.PlotName)}' is not a plot name: letters, digits and '_' only, starting with a letter, at most {ImageName.MaxPlotNameLength} characters");
        }
        if (request.Chunk < 0) return new(IngestErrorKind.BadName, $"chunk {request.Chunk} is negative");
        if (request.Png.Length > settings.MaxImageBytes)
        {
            return new(IngestErrorKind.TooLarge, $"the image has {request.Png.Length:N0} bytes; the limit is {settings.MaxImageBytes:N0}");
        }
        if (request.Png.Length == 0) return new(IngestErrorKind.NotPng, "the image is empty");
        return null;
    }

    private async Task<ImageAccepted?> FindDuplicateAsync(MonitoringDb db, byte[] hash, CancellationToken cancellationToken)
    {
        var existing = await db.Images.Where(i => i.ContentSha256 == hash)
            .Select(i => new { i.Id, i.Run!.RunNumber, i.PlotType!.Name, i.Chunk, i.EnqueuedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null) return null;
        metrics.ImageIngested("duplicate", TimeSpan.Zero);
        return new ImageAccepted(existing.Id, existing.RunNumber, existing.Name, existing.Chunk, Duplicate: true, existing.EnqueuedAt is not null);
    }

    private async Task<bool> TryEnqueueAsync(MonitoringDb db, long imageId, CancellationToken cancellationToken)
    {
        try
        {
            await queue.EnqueueAsync(imageId);
            return true;
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            await db.Images.Where(i => i.Id == imageId).ExecuteUpdateAsync(set => set.SetProperty(i => i.EnqueuedAt, (DateTimeOffset?)null), cancellationToken);
            logger.LogWarning("Image {ImageId} is stored but not queued (Redis: {Reason}); the backlog sweeper will queue it", imageId, exception.Message);
            return false;
        }
    }

    private (ImageAccepted?, IngestError?) Refuse(IngestRequest request, IngestError error)
    {
        metrics.ImageIngested(error.Kind.ToString(), TimeSpan.Zero);
        logger.LogWarning("Refused {Source} ({Plot} run {Run} chunk {Chunk}): {Reason}",
            request.Source, ImageName.Printable(request.PlotName), request.RunNumber, request.Chunk, error.Message);
        return (null, error);
    }
}
