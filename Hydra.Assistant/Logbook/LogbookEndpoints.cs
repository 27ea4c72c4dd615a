using System.Text;
using Hydra.Core.Assistant;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hydra.Assistant.Logbook;

/// <summary>The logbook: import a JSON or CSV export, search it, read one entry.</summary>
public static class LogbookEndpoints
{
    /// <summary>A shift's export is kilobytes; a year of HBLOG is a few megabytes.</summary>
    public const int MaxImportBytes = 50 * 1024 * 1024;

    public static RouteGroupBuilder MapLogbookEndpoints(this RouteGroupBuilder api)
    {
        var logbook = api.MapGroup("/logbook").WithTags("Logbook");

        logbook.MapPost("/import", ImportAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithName("ImportLogbook")
            .WithSummary("Import logbook entries from a JSON array or a CSV file (title,body,author,time,tags,run); bad rows are reported by line, good rows imported.");

        logbook.MapGet("/search", async Task<Results<Ok<IReadOnlyList<LogbookHit>>, ProblemHttpResult>> (
                string? q, int? run, DateTimeOffset? from, DateTimeOffset? to, int? limit, LogbookSearch search, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(q) && run is null && from is null && to is null)
                {
                    return TypedResults.Problem("give words to search for (q), a run or a time window", statusCode: StatusCodes.Status400BadRequest);
                }
                if (q is { Length: > 1000 }) return TypedResults.Problem("q: at most 1,000 characters", statusCode: StatusCodes.Status400BadRequest);
                return TypedResults.Ok(await search.SearchAsync(new LogbookQuery(q ?? "", run, from, to, limit ?? 10), ct));
            })
            .WithName("SearchLogbook")
            .WithSummary("Hybrid (keyword + semantic) logbook search, best first; optionally only entries naming a run or within a time window.");

        logbook.MapGet("/{id:long}", async Task<Results<Ok<LogbookEntryView>, ProblemHttpResult>> (long id, LogbookSearch search, CancellationToken ct) =>
                await search.GetAsync(id, ct) is { } entry
                    ? TypedResults.Ok(new LogbookEntryView(entry.Id, entry.LogNumber, entry.Title, entry.Body, entry.Author, entry.CreatedAt, entry.Tags, entry.RunNumbers))
                    : TypedResults.Problem($"no logbook entry {id}", statusCode: StatusCodes.Status404NotFound, title: "No such logbook entry"))
            .WithName("GetLogbookEntry")
            .WithSummary("One logbook entry.");
        return api;
    }

    private static async Task<Results<Ok<LogbookImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, [FromQuery] string? format, LogbookImporter importer, CancellationToken ct)
    {
        if (request.ContentLength > MaxImportBytes)
        {
            return TypedResults.Problem($"an import is at most {MaxImportBytes / 1024 / 1024} MB", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        string text;
        string? fileName = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.FirstOrDefault() is not { } file) return TypedResults.Problem("the form has no file", statusCode: StatusCodes.Status400BadRequest);
            fileName = file.FileName;
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            text = await reader.ReadToEndAsync(ct);
        }
        else
        {
            // Chunked uploads have no Content-Length: the limit is enforced while reading.
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var builder = new StringBuilder();
            var buffer = new char[81_920];
            int read;
            while ((read = await reader.ReadAsync(buffer, ct)) > 0)
            {
                builder.Append(buffer, 0, read);
                if (builder.Length > MaxImportBytes) return TypedResults.Problem($"an import is at most {MaxImportBytes / 1024 / 1024} MB", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            text = builder.ToString();
        }
        if (string.IsNullOrWhiteSpace(text)) return TypedResults.Problem("the import is empty", statusCode: StatusCodes.Status400BadRequest);

        var chosen = LogbookFile.FormatOf(format) ?? LogbookFile.FormatOf(fileName) ?? LogbookFile.FormatOf(request.ContentType) ?? LogbookFile.Sniff(text);
        return TypedResults.Ok(await importer.ImportAsync(text, chosen, ct));
    }
}
