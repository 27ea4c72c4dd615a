namespace Hydra.Web.Monitoring;

/// <summary>
/// Serves Inference's images to the browser under Web's own address (Inference is not exposed):
/// <c>/images/{id}/png</c>, <c>/images/{id}/thumbnail?width=</c>, <c>/images/{id}/cam.png</c>.
/// </summary>
public static class ImageProxy
{
    private static readonly string[] Kinds = ["png", "thumbnail", "cam.png"];

    public static void MapImageProxy(this WebApplication app)
    {
        app.MapGet("/images/{id:long}/{kind}", async (long id, string kind, HttpContext http, InferenceApi inference, CancellationToken ct) =>
        {
            if (!Kinds.Contains(kind)) return Results.NotFound();
            var width = http.Request.Query["width"].ToString();
            var query = int.TryParse(width, out var w) ? $"?width={Math.Clamp(w, 32, 1600)}" : "";
            try
            {
                var response = await inference.ImageAsync(id, kind, query, ct);
                http.Response.RegisterForDispose(response);
                if (!response.IsSuccessStatusCode) return Results.StatusCode((int)response.StatusCode);
                http.Response.Headers.CacheControl = response.Headers.CacheControl?.ToString() ?? "no-cache";
                return Results.Stream(await response.Content.ReadAsStreamAsync(ct), "image/png");
            }
            catch (HttpRequestException)
            {
                return Results.StatusCode(StatusCodes.Status502BadGateway);
            }
        }).ExcludeFromDescription()
        // The Run page's thumbnails and overlays: open exactly when the Run page is (Hydra:Web:AnonymousRunPage).
        .RequireAuthorization(Accounts.WebPolicies.RunPage);
    }
}
