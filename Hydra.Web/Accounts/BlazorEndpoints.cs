using Microsoft.AspNetCore.Authorization;

namespace Hydra.Web.Accounts;

public static class BlazorEndpoints
{
    /// <summary>
    /// Blazor's own endpoints under the deny-by-default fallback: its script (<c>/_framework</c>)
    /// is always open, and its circuit hub (<c>/_blazor</c>) is open only when the Run page is
    /// (anonymous control-room mode). Pages keep their own policies: AuthorizeRouteView checks them
    /// inside the circuit, so an anonymous circuit still cannot open the Labeler.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder OpenBlazorEndpoints(this RazorComponentsEndpointConventionBuilder components, bool anonymousRunPage)
    {
        ((IEndpointConventionBuilder)components).Add(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
            if (pattern.StartsWith("/_framework", StringComparison.Ordinal) || pattern.StartsWith("_framework", StringComparison.Ordinal)
                || (anonymousRunPage && (pattern.StartsWith("/_blazor", StringComparison.Ordinal) || pattern.StartsWith("_blazor", StringComparison.Ordinal))))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return components;
    }
}
