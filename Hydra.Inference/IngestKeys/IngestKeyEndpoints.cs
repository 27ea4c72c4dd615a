using System.Security.Claims;
using Hydra.Core.Accounts;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.IngestKeys;

/// <summary>The Admin's ingest keys: create one (the key is shown once), list them, revoke one.</summary>
public static class IngestKeyEndpoints
{
    public static RouteGroupBuilder MapIngestKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/ingest-keys").WithTags("Ingest keys");

        keys.MapGet("/", async (MonitoringDb db, CancellationToken ct) =>
                await db.IngestKeys.OrderBy(k => k.Id)
                    .Select(k => new IngestKeyView(k.Id, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt)).ToListAsync(ct))
            .WithSummary("Every ingest key, revoked ones too (never the key itself).");

        keys.MapPost("/", async (IngestKeyRequest request, MonitoringDb db, ClaimsPrincipal caller, CancellationToken ct) =>
            {
                var name = request.Name?.Trim() ?? "";
                if (name.Length is 0 or > 100) return Results.Problem("name: 1 to 100 characters, e.g. the source's host", statusCode: StatusCodes.Status400BadRequest);
                var key = IngestKeyHash.NewKey();
                var record = new IngestKey
                {
                    Name = name, Prefix = IngestKeyHash.PrefixOf(key), Hash = IngestKeyHash.Of(key),
                    CreatedAt = DateTimeOffset.UtcNow, CreatedBy = caller.Identity?.Name ?? "admin",
                };
                db.IngestKeys.Add(record);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/v1/ingest-keys/{record.Id}", new IngestKeyCreated(record.Id, name, key));
            })
            .Produces<IngestKeyCreated>(StatusCodes.Status201Created)
            .WithSummary("A new key for a monitoring source; the answer is the only time the key is shown.");

        keys.MapDelete("/{id:long}", async (long id, MonitoringDb db, CancellationToken ct) =>
            {
                var key = await db.IngestKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
                if (key is null) return Results.Problem($"no ingest key {id}", statusCode: StatusCodes.Status404NotFound);
                key.RevokedAt ??= DateTimeOffset.UtcNow;
                await db.SaveChangesAsync(ct);
                return Results.Ok(new IngestKeyView(key.Id, key.Name, key.Prefix, key.CreatedAt, key.CreatedBy, key.RevokedAt));
            })
            .Produces<IngestKeyView>()
            .WithSummary("Revoke a key: the next request with it is refused (401). The row stays, for the record.");
        return api;
    }
}
