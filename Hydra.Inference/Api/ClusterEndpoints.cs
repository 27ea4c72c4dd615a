using Hydra.Core.Monitoring;
using Hydra.Inference.Clustering;
using Hydra.Inference.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Api;

/// <summary>Cluster maps of a plot type's images (the Clustering page, issue 6).</summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plot-types/{name}/clusters", GetClustersAsync)
            .WithTags("Clustering")
            .WithName("GetClusters")
            .WithSummary("A 2-D t-SNE map of a plot type's newest images (ResNet18 embeddings), k-means clusters, run conditions, labels and verdicts.");
        return api;
    }

    private static async Task<Results<Ok<ClusterMap>, ProblemHttpResult>> GetClustersAsync(
        string name, int? k, int? limit, int? fromRun, int? toRun, MonitoringDb db, ClusterMaps maps, CancellationToken ct)
    {
        if (k is < 1 or > ClusterMaps.MaxK)
            return TypedResults.Problem($"k must be 1 to {ClusterMaps.MaxK}, not {k}", statusCode: StatusCodes.Status400BadRequest, title: "Bad number of clusters");
        if (limit is < 1 or > ClusterMaps.MaxImages)
            return TypedResults.Problem($"limit must be 1 to {ClusterMaps.MaxImages:N0} images (t-SNE is exact, O(n²)), not {limit}", statusCode: StatusCodes.Status400BadRequest, title: "Bad image limit");
        if (fromRun is { } from && toRun is { } to && from > to)
            return TypedResults.Problem($"fromRun {from} is after toRun {to}", statusCode: StatusCodes.Status400BadRequest, title: "Bad run range");
        if (!ImageName.IsValidPlotName(name) || !await db.PlotTypes.AnyAsync(p => p.Name == name, ct))
            return TypedResults.Problem($"no plot type '{ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound, title: "No such plot type");

        try
        {
            return TypedResults.Ok(await maps.DrawAsync(db, new ClusterRequest(name, k ?? 4, limit ?? ClusterMaps.DefaultImages, fromRun, toRun), ct));
        }
        catch (FileNotFoundException exception)
        {
            // The ResNet18 files were not deployed with Inference: say so rather than a bare 500.
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Image embeddings unavailable");
        }
    }
}
