using System.Globalization;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Images;
using Hydra.Inference.Ingest;
using Hydra.Inference.Verdicts;
using Hydra.Models.Serving;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Hydra.Inference.Api;

/// <summary>Images in (upload) and out (bytes, thumbnails, GradCAM overlays, their verdict).</summary>
public static class ImageEndpoints
{
    /// <summary>Room for the multipart envelope and the form fields around the image itself.</summary>
    private const long EnvelopeBytes = 64 * 1024;

    public static RouteGroupBuilder MapImageEndpoints(this RouteGroupBuilder api)
    {
        var images = api.MapGroup("/images").WithTags("Images");

        images.MapPost("/", UploadAsync)
            .DisableAntiforgery() // machine-to-machine; ingest sources authenticate with API keys (production readiness)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImageAccepted>(StatusCodes.Status201Created)
            .Produces<ImageAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Upload one monitoring image: multipart fields run, plot, chunk (or a file named <PLOT>_<chunk>.png), optional time (ISO 8601) and beam (nA), and file.");

        images.MapGet("/{id:long}", async (long id, MonitoringDb db, CancellationToken ct) =>
                await VerdictQueries.Views(db.Verdicts.Where(v => v.ImageId == id)).FirstOrDefaultAsync(ct) is { } view
                    ? Results.Ok(view)
                    : await db.Images.AnyAsync(i => i.Id == id, ct)
                        ? Results.Problem($"image {id} has no verdict yet", statusCode: StatusCodes.Status404NotFound, title: "Not judged yet")
                        : NotFound(id))
            .Produces<VerdictView>()
            .WithSummary("An image's verdict, with every class score.");

        images.MapGet("/{id:long}/png", async (long id, MonitoringDb db, HttpContext http, CancellationToken ct) =>
                await PngAsync(db, id, ct) is { } png ? Immutable(http, Results.File(png, "image/png")) : NotFound(id))
            .WithSummary("The image as stored.");

        images.MapGet("/{id:long}/thumbnail", async (long id, int? width, MonitoringDb db, RenderedImages rendered, HttpContext http, CancellationToken ct) =>
            {
                var w = Math.Clamp(width ?? 400, 32, 1600);
                var thumbnail = await rendered.GetOrRenderAsync("thumbnail", id, w, 0, async () => await PngAsync(db, id, ct) is { } png ? Thumbnail(png, w) : null);
                return thumbnail is null ? NotFound(id) : Immutable(http, Results.File(thumbnail, "image/png"));
            })
            .WithSummary("The image scaled to a width (default 400 px), for Run page cards.");

        images.MapGet("/{id:long}/cam.png", async (long id, int? width, int? height, MonitoringDb db, RenderedImages rendered, HttpContext http, CancellationToken ct) =>
            {
                var image = await db.Images.Where(i => i.Id == id).Select(i => new { i.Width, i.Height }).FirstOrDefaultAsync(ct);
                if (image is null) return NotFound(id);
                var w = Math.Clamp(width ?? image.Width, 16, 4096);
                var h = Math.Clamp(height ?? (int)Math.Round((double)w * image.Height / image.Width), 16, 4096);
                // The map's bytes are read only when this size is not rendered yet.
                var overlay = await rendered.GetOrRenderAsync("cam", id, w, h, async () =>
                    await db.Verdicts.Where(v => v.ImageId == id).Select(v => v.Cam).FirstOrDefaultAsync(ct) is { } cam
                        ? CamOverlay.RenderPng(CamMap.FromBytes(cam), w, h)
                        : null);
                return overlay is null
                    ? Results.Problem($"image {id} has no GradCAM map (no model judged it)", statusCode: StatusCodes.Status404NotFound, title: "No explanation")
                    : Immutable(http, Results.File(overlay, "image/png"));
            })
            .WithSummary("The verdict's GradCAM heat map as a transparent PNG overlay, at the image's size or a given one.");
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, ImageIngest ingest, IOptionsMonitor<HydraOptions> options, CancellationToken ct)
    {
        var limit = options.CurrentValue.Ingest.MaxImageBytes;
        if (request.ContentLength > limit + EnvelopeBytes) return Problem(new(IngestErrorKind.TooLarge, $"the upload has {request.ContentLength:N0} bytes; the image limit is {limit:N0}"));
        if (!request.HasFormContentType) return Results.Problem("send multipart/form-data with fields run, plot, chunk and file", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a form");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = limit + EnvelopeBytes;

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + EnvelopeBytes, ValueCountLimit = 20 }, ct);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
        {
            return exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? Problem(new(IngestErrorKind.TooLarge, $"the upload is larger than the image limit of {limit:N0} bytes"))
                : Results.Problem($"the form could not be read: {exception.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed upload");
        }

        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null) return Problem(new(IngestErrorKind.BadName, "no file: send the PNG in a form field named 'file'"));
        if (file.Length > limit) return Problem(new(IngestErrorKind.TooLarge, $"the image has {file.Length:N0} bytes; the limit is {limit:N0}"));

        if (ParseFields(form, file.FileName) is not { } fields) return Problem(new(IngestErrorKind.BadName,
            "run, plot and chunk are required: as form fields, or run plus a file named <PLOT>_<chunk>.png; time must be ISO 8601 and beam a number"));

        var png = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(png, ct);

        var (accepted, error) = await ingest.IngestAsync(new IngestRequest(fields.Run, fields.Plot, fields.Chunk, png, fields.Time, fields.Beam, "http"), ct);
        if (error is not null)
        {
            if (error.Kind == IngestErrorKind.Unavailable) request.HttpContext.Response.Headers.RetryAfter = "5";
            return Problem(error);
        }
        return accepted!.Duplicate ? Results.Ok(accepted) : Results.Created($"/api/v1/images/{accepted.ImageId}", accepted);
    }

    private sealed record UploadFields(int Run, string Plot, int Chunk, DateTimeOffset? Time, double? Beam);

    private static UploadFields? ParseFields(IFormCollection form, string? fileName)
    {
        if (!int.TryParse(form["run"], NumberStyles.None, CultureInfo.InvariantCulture, out var run)) return null;
        string plot;
        int chunk;
        if (form.ContainsKey("plot") || form.ContainsKey("chunk"))
        {
            plot = form["plot"].ToString();
            if (!ImageName.TryParseChunk(form["chunk"].ToString(), out chunk)) return null;
        }
        else if (fileName is not null && ImageName.TryParse(Path.GetFileName(fileName), out var name, out _))
        {
            (plot, chunk) = (name.PlotName, name.Chunk);
        }
        else return null;

        DateTimeOffset? time = null;
        if (form.TryGetValue("time", out var timeText) && !string.IsNullOrEmpty(timeText))
        {
            if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return null;
            time = parsed;
        }
        double? beam = null;
        if (form.TryGetValue("beam", out var beamText) && !string.IsNullOrEmpty(beamText))
        {
            if (!double.TryParse(beamText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed) || parsed < 0) return null;
            beam = parsed;
        }
        return new UploadFields(run, plot, chunk, time, beam);
    }

    private static Task<byte[]?> PngAsync(MonitoringDb db, long id, CancellationToken ct) =>
        db.ImageContents.Where(c => c.ImageId == id).Select(c => c.Png).FirstOrDefaultAsync(ct)!;

    private static byte[] Thumbnail(byte[] png, int width)
    {
        using var original = SKBitmap.Decode(png);
        var height = Math.Max(1, (int)Math.Round((double)original.Height * width / original.Width));
        using var scaled = original.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var data = scaled.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>An image id always means the same bytes (content-hashed, never edited): cache for good.</summary>
    private static IResult Immutable(HttpContext http, IResult result)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return result;
    }

    private static IResult NotFound(long id) =>
        Results.Problem($"no image {id} (or its PNG was removed by retention)", statusCode: StatusCodes.Status404NotFound, title: "No such image");

    public static IResult Problem(IngestError error) => Results.Problem(
        error.Message, statusCode: error.StatusCode, title: error.Kind.ToString());
}
