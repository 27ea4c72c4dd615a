using System.Security.Claims;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Models;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>Retraining from the app: queue a job, follow its progress, cancel it.</summary>
public static class TrainingEndpoints
{
    public static RouteGroupBuilder MapTrainingEndpoints(this RouteGroupBuilder api)
    {
        var training = api.MapGroup("").WithTags("Models");

        training.MapPost("/plot-types/{name}/models/train", async (string name, TrainingRequest request, MonitoringDb db, ClaimsPrincipal person, CancellationToken ct) =>
            {
                if (person.FindFirst(ClaimTypes.Role) is not null) request = request with { RequestedBy = ModelEndpoints.Who(person, request.RequestedBy) };
                var plotTypeId = await db.PlotTypes.Where(p => p.Name == name).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
                if (plotTypeId is null) return Results.Problem($"no plot type '{ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound);
                if (string.IsNullOrWhiteSpace(request.RequestedBy) || request.RequestedBy.Length > 100) return Results.Problem("requestedBy: the person's name", statusCode: StatusCodes.Status400BadRequest);
                if (request.Epochs is < 1 or > 500) return Results.Problem("epochs: 1 to 500", statusCode: StatusCodes.Status400BadRequest);
                if (await db.TrainingJobs.AnyAsync(j => j.PlotTypeId == plotTypeId && (j.Status == TrainingJobStatus.Queued || j.Status == TrainingJobStatus.Running), ct))
                {
                    return Results.Problem($"{name} already has a training job queued or running", statusCode: StatusCodes.Status409Conflict);
                }
                var job = new TrainingJob
                {
                    PlotTypeId = plotTypeId.Value, Status = TrainingJobStatus.Queued, RequestedBy = request.RequestedBy.Trim(),
                    RequestedAt = DateTimeOffset.UtcNow, Epochs = request.Epochs ?? 60, Seed = request.Seed ?? 1,
                };
                db.TrainingJobs.Add(job);
                await db.SaveChangesAsync(ct);
                return Results.Accepted($"/api/v1/training-jobs/{job.Id}", await Views(db.TrainingJobs.Where(j => j.Id == job.Id)).FirstAsync(ct));
            })
            .Produces<TrainingJobView>(StatusCodes.Status202Accepted)
            .WithSummary("Train a new version from the plot type's current labels (a background job; the result stays inactive until activated).");

        training.MapGet("/training-jobs/{id:long}", async (long id, MonitoringDb db, CancellationToken ct) =>
                await Views(db.TrainingJobs.Where(j => j.Id == id)).FirstOrDefaultAsync(ct) is { } job ? Results.Ok(job)
                    : Results.Problem($"no training job {id}", statusCode: StatusCodes.Status404NotFound))
            .Produces<TrainingJobView>()
            .WithSummary("A training job's status and progress (epoch, losses, time left, resulting model).");

        training.MapGet("/training-jobs", async (string? plot, MonitoringDb db, CancellationToken ct) =>
                await Views(db.TrainingJobs.Where(j => plot == null || j.PlotType!.Name == plot).OrderByDescending(j => j.RequestedAt).Take(100)).ToListAsync(ct))
            .Produces<List<TrainingJobView>>();

        training.MapPost("/training-jobs/{id:long}/cancel", async (long id, MonitoringDb db, CancellationToken ct) =>
            {
                var cancelled = await db.TrainingJobs.Where(j => j.Id == id && (j.Status == TrainingJobStatus.Queued || j.Status == TrainingJobStatus.Running))
                    .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, TrainingJobStatus.Cancelled), ct);
                return cancelled == 1 ? Results.NoContent() : Results.Problem($"training job {id} is not queued or running", statusCode: StatusCodes.Status409Conflict);
            })
            .WithSummary("Cancel a queued or running job (a running one stops after its current epoch).");
        return api;
    }

    private static IQueryable<TrainingJobView> Views(IQueryable<TrainingJob> jobs) =>
        jobs.Select(j => new TrainingJobView(j.Id, j.PlotType!.Name, j.Status, j.RequestedBy, j.RequestedAt, j.StartedAt, j.FinishedAt,
            j.Epoch, j.Epochs, j.TrainLoss, j.ValidationLoss, j.ValidationAccuracy, j.SecondsLeft, j.TrainingImages, j.ModelId, j.Error));
}
