using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.News;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>The Run page's news banner.</summary>
public static class NewsEndpoints
{
    public static RouteGroupBuilder MapNewsEndpoints(this RouteGroupBuilder api)
    {
        var news = api.MapGroup("/news").WithTags("News");

        news.MapGet("/", async (bool? all, MonitoringDb db, CancellationToken ct) =>
            {
                var now = DateTimeOffset.UtcNow;
                var items = all is true ? db.News : db.News.Where(n => n.ExpiresAt == null || n.ExpiresAt > now);
                return await items.OrderByDescending(n => n.PostedAt).Take(100)
                    .Select(n => new NewsItemView(n.Id, n.Title, n.Body, n.PostedBy, n.PostedAt, n.ExpiresAt)).ToListAsync(ct);
            })
            .WithSummary("Current news (not expired), newest first; all=true includes expired items.");

        news.MapPost("/", async (NewsItemRequest request, MonitoringDb db, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200) return Results.Problem("title: 1 to 200 characters", statusCode: StatusCodes.Status400BadRequest);
                if (string.IsNullOrWhiteSpace(request.PostedBy) || request.PostedBy.Length > 100) return Results.Problem("postedBy: 1 to 100 characters", statusCode: StatusCodes.Status400BadRequest);
                if (request.Body is { Length: > 10_000 }) return Results.Problem("body: at most 10,000 characters", statusCode: StatusCodes.Status400BadRequest);
                var item = new NewsItem { Title = request.Title.Trim(), Body = request.Body, PostedBy = request.PostedBy.Trim(), PostedAt = DateTimeOffset.UtcNow, ExpiresAt = request.ExpiresAt };
                db.News.Add(item);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/v1/news/{item.Id}", new NewsItemView(item.Id, item.Title, item.Body, item.PostedBy, item.PostedAt, item.ExpiresAt));
            })
            .Produces<NewsItemView>(StatusCodes.Status201Created)
            .WithSummary("Post a news item.");

        news.MapDelete("/{id:long}", async (long id, MonitoringDb db, CancellationToken ct) =>
                await db.News.Where(n => n.Id == id).ExecuteDeleteAsync(ct) == 1 ? Results.NoContent()
                    : Results.Problem($"no news item {id}", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Remove a news item.");
        return api;
    }
}
