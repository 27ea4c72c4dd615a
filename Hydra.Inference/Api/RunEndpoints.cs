using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Runs;
using Hydra.Inference.Tell;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>Runs, their conditions, and the live state of one run (the Run page).</summary>
public static class RunEndpoints
{
    public sealed record RunConditions(double? BeamCurrentNanoAmps, string? Target, double? TorusScale, double? SolenoidScale, string? RunPeriod);

    public static RouteGroupBuilder MapRunEndpoints(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");

        runs.MapGet("/", async (int? limit, MonitoringDb db, CancellationToken ct) =>
                await RunQueries.Views(db.Runs.OrderByDescending(r => r.RunNumber).Take(Limits.Clamp(limit, 50))).ToListAsync(ct))
            .WithSummary("The most recent runs, newest first.");

        runs.MapGet("/current", async (MonitoringDb db, RunStates states, CancellationToken ct) =>
                await states.CurrentRunNumberAsync(db, ct) is { } number && await states.GetAsync(db, number, ct) is { } state
                    ? Results.Ok(state)
                    : Results.Problem("no run has sent an image yet", statusCode: StatusCodes.Status404NotFound, title: "No run yet"))
            .Produces<RunState>()
            .WithSummary("The current run with the latest verdict of every plot type: what the Run page shows.");

        runs.MapGet("/{runNumber:int}", async (int runNumber, MonitoringDb db, RunStates states, CancellationToken ct) =>
                await states.GetAsync(db, runNumber, ct) is { } state ? Results.Ok(state) : NoRun(runNumber))
            .Produces<RunState>()
            .WithSummary("One run with the latest verdict of every plot type.");

        runs.MapPut("/{runNumber:int}/conditions", async (int runNumber, RunConditions conditions, MonitoringDb db, EventPublisher events, CancellationToken ct) =>
            {
                var run = await db.Runs.FirstOrDefaultAsync(r => r.RunNumber == runNumber, ct);
                if (run is null) return NoRun(runNumber);
                if (conditions.Target is { Length: > 50 }) return Results.Problem("target: at most 50 characters", statusCode: StatusCodes.Status400BadRequest);
                run.BeamCurrentNanoAmps = conditions.BeamCurrentNanoAmps;
                run.Target = conditions.Target;
                run.TorusScale = conditions.TorusScale;
                run.SolenoidScale = conditions.SolenoidScale;
                if (!string.IsNullOrWhiteSpace(conditions.RunPeriod))
                {
                    var period = await db.RunPeriods.FirstOrDefaultAsync(p => p.Name == conditions.RunPeriod, ct)
                        ?? db.RunPeriods.Add(new RunPeriod { Name = conditions.RunPeriod.Trim(), StartsOn = DateOnly.FromDateTime(run.StartedAt.UtcDateTime) }).Entity;
                    run.RunPeriod = period;
                }
                await db.SaveChangesAsync(ct);
                await events.RunsChangedAsync(db, [runNumber], ct);
                return Results.NoContent();
            })
            .WithSummary("Record a run's conditions (beam, target, torus and solenoid scale, run period).");

        runs.MapPost("/{runNumber:int}/end", async (int runNumber, MonitoringDb db, EventPublisher events, CancellationToken ct) =>
            {
                var now = DateTimeOffset.UtcNow;
                var ended = await db.Runs.Where(r => r.RunNumber == runNumber && r.EndedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.EndedAt, now), ct);
                if (ended == 0 && !await db.Runs.AnyAsync(r => r.RunNumber == runNumber, ct)) return NoRun(runNumber);
                await events.RunsChangedAsync(db, [runNumber], ct);
                return Results.NoContent();
            })
            .WithSummary("End a run: its plots stop being watched for silence.");
        return api;
    }

    private static IResult NoRun(int runNumber) =>
        Results.Problem($"no run {runNumber}", statusCode: StatusCodes.Status404NotFound, title: "No such run");
}
