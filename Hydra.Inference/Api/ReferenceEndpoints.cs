using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.References;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>A plot type's reference image: read it, or let an expert set or clear it (ADR-010).</summary>
public static class ReferenceEndpoints
{
    public static RouteGroupBuilder MapReferenceEndpoints(this RouteGroupBuilder api)
    {
        var references = api.MapGroup("/plot-types/{name}/reference").WithTags("Reference similarity");
        references.MapGet("/", GetAsync).WithName("GetReference")
            .WithSummary("The reference image new images are compared with: the expert's, else the newest confirmed Good of the run's conditions (run = the given one, or the plot type's newest).");
        references.MapPut("/", SetAsync).WithName("SetReference")
            .WithSummary("An expert sets the reference image of a plot type; it wins over the automatic choice until cleared.");
        references.MapDelete("/", ClearAsync).WithName("ClearReference")
            .WithSummary("Clear the expert's reference: the automatic choice applies again.");
        return api;
    }

    private static async Task<Results<Ok<PlotReferenceView>, ProblemHttpResult>> GetAsync(string name, int? run, MonitoringDb db, ReferenceScorer scorer, CancellationToken ct)
    {
        if (await PlotTypeIdAsync(db, name, ct) is not { } plotTypeId) return NoPlotType(name);
        var runId = run is { } number
            ? await db.Runs.Where(r => r.RunNumber == number).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct)
            : await db.Images.Where(i => i.PlotTypeId == plotTypeId).OrderByDescending(i => i.RecordedAt).Select(i => (int?)i.RunId).FirstOrDefaultAsync(ct);
        var choice = await scorer.ChooseWithSourceAsync(db, plotTypeId, runId ?? -1, null, ct);
        if (choice is not { } chosen)
            return TypedResults.Problem($"'{name}' has no reference image: no expert set one and no confirmed Good image of these run conditions", statusCode: StatusCodes.Status404NotFound, title: "No reference");
        return TypedResults.Ok(await ViewAsync(db, name, plotTypeId, chosen.ImageId, chosen.ByExpert, ct));
    }

    private static async Task<Results<Ok<PlotReferenceView>, ProblemHttpResult>> SetAsync(string name, SetReferenceRequest request, MonitoringDb db, ReferenceScorer scorer, TimeProvider clock,
        System.Security.Claims.ClaimsPrincipal person, CancellationToken ct)
    {
        // The signed-in expert Web forwarded wins over a typed name (ADR-011).
        request = request with { SetBy = ModelEndpoints.Who(person, request.SetBy) };
        if (string.IsNullOrWhiteSpace(request.SetBy) || request.SetBy.Length > 100)
            return TypedResults.Problem("setBy: the expert's name, 1 to 100 characters", statusCode: StatusCodes.Status400BadRequest, title: "Who sets the reference?");
        if (await PlotTypeIdAsync(db, name, ct) is not { } plotTypeId) return NoPlotType(name);
        var image = await db.Images.Where(i => i.Id == request.ImageId).Select(i => new { i.PlotTypeId, i.PrunedAt }).FirstOrDefaultAsync(ct);
        if (image is null || image.PlotTypeId != plotTypeId)
            return TypedResults.Problem($"image {request.ImageId} is not an image of '{name}'", statusCode: StatusCodes.Status400BadRequest, title: "Not an image of this plot type");
        if (image.PrunedAt is not null)
            return TypedResults.Problem($"image {request.ImageId} was pruned by retention; its PNG is gone", statusCode: StatusCodes.Status400BadRequest, title: "Image pruned");

        var reference = await db.PlotReferences.FirstOrDefaultAsync(r => r.PlotTypeId == plotTypeId, ct)
            ?? db.PlotReferences.Add(new PlotReference { PlotTypeId = plotTypeId, SetBy = request.SetBy }).Entity;
        reference.ImageId = request.ImageId;
        reference.SetBy = request.SetBy.Trim();
        reference.SetAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        scorer.ReferenceChanged();
        return TypedResults.Ok(await ViewAsync(db, name, plotTypeId, request.ImageId, byExpert: true, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearAsync(string name, string? by, MonitoringDb db, ReferenceScorer scorer, ILogger<PlotReference> logger,
        System.Security.Claims.ClaimsPrincipal person, CancellationToken ct)
    {
        by = ModelEndpoints.Who(person, by);
        if (await PlotTypeIdAsync(db, name, ct) is not { } plotTypeId) return NoPlotType(name);
        var reference = await db.PlotReferences.FirstOrDefaultAsync(r => r.PlotTypeId == plotTypeId, ct);
        if (reference is null)
            return TypedResults.Problem($"'{name}' has no expert reference to clear", statusCode: StatusCodes.Status404NotFound, title: "No expert reference");
        db.PlotReferences.Remove(reference);
        await db.SaveChangesAsync(ct);
        scorer.ReferenceChanged();
        logger.LogInformation("{By} cleared the reference of {Plot} (image {ImageId}, set by {SetBy} at {SetAt:u})",
            string.IsNullOrWhiteSpace(by) ? "someone" : by, name, reference.ImageId, reference.SetBy, reference.SetAt);
        return TypedResults.NoContent();
    }

    private static Task<int?> PlotTypeIdAsync(MonitoringDb db, string name, CancellationToken ct) =>
        db.PlotTypes.Where(p => p.Name == name).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    private static ProblemHttpResult NoPlotType(string name) =>
        TypedResults.Problem($"no plot type '{ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound, title: "No such plot type");

    private static async Task<PlotReferenceView> ViewAsync(MonitoringDb db, string name, int plotTypeId, long imageId, bool byExpert, CancellationToken ct)
    {
        var image = await db.Images.Where(i => i.Id == imageId).Select(i => new { i.Run!.RunNumber, i.Chunk }).FirstAsync(ct);
        var expert = byExpert ? await db.PlotReferences.Where(r => r.PlotTypeId == plotTypeId).Select(r => new { r.SetBy, r.SetAt }).FirstOrDefaultAsync(ct) : null;
        return new PlotReferenceView(name, imageId, image.RunNumber, image.Chunk,
            byExpert ? ReferenceSources.Expert : ReferenceSources.Automatic, expert?.SetBy, expert?.SetAt);
    }
}
