using System.Security.Claims;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Models;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>The model registry: versions per plot type, import, activate, roll back, thresholds.</summary>
public static class ModelEndpoints
{
    /// <summary>Hydra's own models are well under a megabyte; an imported PyTorch one may be larger.</summary>
    public const long MaxModelBytes = 200L * 1024 * 1024;

    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("").WithTags("Models");

        models.MapGet("/plot-types/{name}/models", async (string name, MonitoringDb db, CancellationToken ct) =>
                await PlotTypeIdAsync(db, name, ct) is { } plotTypeId
                    ? Results.Ok(await ModelViews.Views(db.Models.Where(m => m.PlotTypeId == plotTypeId).OrderByDescending(m => m.CreatedAt)).ToListAsync(ct))
                    : NoPlotType(name))
            .Produces<List<ModelView>>()
            .WithSummary("A plot type's model versions, newest first; the active one has isActive.");

        models.MapPost("/plot-types/{name}/models", async (string name, HttpRequest request, ModelRegistry registry, MonitoringDb db, CancellationToken ct) =>
            {
                if (request.ContentLength > MaxModelBytes) return Results.Problem($"a model file is at most {MaxModelBytes:N0} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
                if (!request.HasFormContentType) return Results.Problem("send multipart/form-data with the ONNX file in 'file' and a 'name'", statusCode: StatusCodes.Status415UnsupportedMediaType);
                if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxModelBytes;
                IFormCollection form;
                try { form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxModelBytes }, ct); }
                catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
                {
                    return Results.Problem($"the form could not be read: {exception.Message}", statusCode: StatusCodes.Status400BadRequest);
                }
                if (form.Files.GetFile("file") is not { Length: > 0 } file) return Results.Problem("no ONNX file in the form field 'file'", statusCode: StatusCodes.Status400BadRequest);
                Guid? parent = null;
                if (form.TryGetValue("parent", out var parentText) && !string.IsNullOrEmpty(parentText))
                {
                    if (!Guid.TryParse(parentText, out var parsed)) return Results.Problem("parent: a model id", statusCode: StatusCodes.Status400BadRequest);
                    parent = parsed;
                }
                var onnx = new byte[file.Length];
                await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(onnx, ct);

                var (model, error) = await registry.ImportAsync(db, new ModelRegistry.Import(name, onnx, form["name"].ToString(), parent, "imported"), ct);
                return model is null
                    ? Results.Problem(error, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Model refused")
                    : Results.Created($"/api/v1/models/{model.ModelId}", model);
            })
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ModelView>(StatusCodes.Status201Created)
            .WithSummary("Import an ONNX classifier meeting the cam-v1 contract as a new (inactive) version.");

        models.MapGet("/models/{id:guid}", async (Guid id, MonitoringDb db, CancellationToken ct) =>
                await ModelViews.Views(db.Models.Where(m => m.Id == id)).FirstOrDefaultAsync(ct) is { } model ? Results.Ok(model) : NoModel(id))
            .Produces<ModelView>();

        models.MapGet("/models/{id:guid}/onnx", async (Guid id, MonitoringDb db, CancellationToken ct) =>
                await db.ModelFiles.Where(f => f.ModelId == id).Select(f => f.Onnx).FirstOrDefaultAsync(ct) is { } onnx
                    ? Results.File(onnx, "application/octet-stream", $"hydra-model-{id}.onnx")
                    : NoModel(id))
            .WithSummary("The model's ONNX file.");

        models.MapPost("/models/{id:guid}/activate", async (Guid id, string? by, ModelRegistry registry, MonitoringDb db, ClaimsPrincipal person, CancellationToken ct) =>
            {
                var plotTypeId = await db.Models.Where(m => m.Id == id).Select(m => (int?)m.PlotTypeId).FirstOrDefaultAsync(ct);
                if (plotTypeId is null) return NoModel(id);
                var (activation, error) = await registry.ActivateAsync(db, id, plotTypeId.Value, Who(person, by), ct);
                return activation is null ? Results.Problem(error, statusCode: StatusCodes.Status422UnprocessableEntity) : Results.Ok(activation);
            })
            .Produces<ActivationView>()
            .WithSummary("Make this version the plot type's active model; the next images use it, no restart.");

        models.MapPost("/plot-types/{name}/models/rollback", async (string name, string? by, ModelRegistry registry, MonitoringDb db, ClaimsPrincipal person, CancellationToken ct) =>
            {
                if (await PlotTypeIdAsync(db, name, ct) is not { } plotTypeId) return NoPlotType(name);
                var (activation, error) = await registry.RollBackAsync(db, plotTypeId, Who(person, by), ct);
                return activation is null ? Results.Problem(error, statusCode: StatusCodes.Status409Conflict) : Results.Ok(activation);
            })
            .Produces<ActivationView>()
            .WithSummary("Re-activate the model that was active before the current one.");

        models.MapGet("/plot-types/{name}/models/activations", async (string name, MonitoringDb db, CancellationToken ct) =>
                await PlotTypeIdAsync(db, name, ct) is { } plotTypeId
                    ? Results.Ok(await db.ModelActivations.Where(a => a.PlotTypeId == plotTypeId).OrderByDescending(a => a.ActivatedAt)
                        .Select(a => new ActivationView(name, a.ModelId, a.ActivatedAt, a.ActivatedBy)).ToListAsync(ct))
                    : NoPlotType(name))
            .Produces<List<ActivationView>>()
            .WithSummary("Who activated which model when.");

        models.MapPost("/models/{id:guid}/evaluate", async (Guid id, bool? adoptThresholds, ModelEvaluator evaluator, MonitoringDb db, CancellationToken ct) =>
                await evaluator.EvaluateAsync(db, id, adoptThresholds ?? true, ct) is { } outcome ? Results.Ok(outcome) : NoModel(id))
            .Produces<ModelEvaluator.Outcome>()
            .WithSummary("Evaluate over the plot type's labelled images (held-out first): confusion matrix, metrics, max-F1 thresholds (adopted unless an expert set them).");

        models.MapGet("/models/{id:guid}/evaluation", async (Guid id, MonitoringDb db, CancellationToken ct) =>
                await db.ModelEvaluations.Where(e => e.ModelId == id).OrderByDescending(e => e.EvaluatedAt).Select(e => e.Result).FirstOrDefaultAsync(ct) is { } json
                    ? Results.Text(json, "application/json")
                    : Results.Problem($"model {id} has not been evaluated", statusCode: StatusCodes.Status404NotFound))
            .Produces<Hydra.Models.Evaluation.ModelEvaluation>()
            .WithSummary("The latest evaluation of a model version.");

        models.MapGet("/models/{id:guid}/training-set", async (Guid id, MonitoringDb db, CancellationToken ct) =>
            {
                if (!await db.Models.AnyAsync(m => m.Id == id, ct))
                    return Results.Problem($"no model {id}", statusCode: StatusCodes.Status404NotFound, title: "No such model");
                var images = await db.ModelTrainingImages.Where(t => t.ModelId == id).OrderBy(t => t.ImageId)
                    .Select(t => new { t.ImageId, t.Label, t.HeldOut }).ToListAsync(ct);
                return Results.Ok(new TrainingSetView(id, images.Count, images.Count(i => i.HeldOut),
                    images.GroupBy(i => i.Label).ToDictionary(g => g.Key, g => g.Count()), [.. images.Select(i => i.ImageId)]));
            })
            .Produces<TrainingSetView>()
            .WithSummary("The labelled images a version was trained from, held-out ones counted apart (empty for an imported version).");

        models.MapPut("/models/{id:guid}/thresholds/{classification}", async (Guid id, string classification, ThresholdRequest request, ModelRegistry registry, MonitoringDb db, ClaimsPrincipal person, CancellationToken ct) =>
            {
                request = request with { SetBy = Who(person, request.SetBy) };
                if (!await db.Models.AnyAsync(m => m.Id == id, ct)) return NoModel(id);
                var (threshold, error) = await registry.SetThresholdAsync(db, id, classification, request, ct);
                return threshold is null ? Results.Problem(error, statusCode: StatusCodes.Status400BadRequest) : Results.Ok(threshold);
            })
            .Produces<ThresholdView>()
            .WithSummary("An expert's threshold for one class of a model (recorded with their name and the time).");
        return api;
    }

    /// <summary>The signed-in person Web forwarded (ADR-011), not a name typed into a form; the given name only when no person is known.</summary>
    internal static string Who(ClaimsPrincipal person, string? by)
    {
        var name = person.FindFirst(ClaimTypes.Role) is not null ? person.Identity?.Name : by;
        return string.IsNullOrWhiteSpace(name) ? "api" : name.Trim()[..Math.Min(name.Trim().Length, 100)];
    }

    private static Task<int?> PlotTypeIdAsync(MonitoringDb db, string name, CancellationToken ct) =>
        db.PlotTypes.Where(p => p.Name == name).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    private static IResult NoPlotType(string name) =>
        Results.Problem($"no plot type '{ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound, title: "No such plot type");

    private static IResult NoModel(Guid id) =>
        Results.Problem($"no model {id}", statusCode: StatusCodes.Status404NotFound, title: "No such model");
}
