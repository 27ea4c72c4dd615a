using System.Security.Claims;
using Hydra.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hydra.Web.Accounts;

/// <summary>
/// Every call to Inference and the Assistant carries Web's service key and, when a person is signed
/// in, their name, roles and label scopes (ADR-011): the service decides, with those, what the call may do. In a
/// circuit the person comes from the circuit's authentication state, in a plain request (prerender,
/// the image proxy, sign-in) from the request itself.
/// </summary>
public sealed class ServiceCallerHandler(CircuitServicesAccessor circuit, IHttpContextAccessor http, IConfiguration configuration) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (configuration[WebSecurity.ServiceKeyKey] is { Length: > 0 } key) request.Headers.TryAddWithoutValidation(ServiceHeaders.ServiceKey, key);
        var person = await PersonAsync();
        if (person?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            request.Headers.TryAddWithoutValidation(ServiceHeaders.User, Uri.EscapeDataString(name));
            request.Headers.TryAddWithoutValidation(ServiceHeaders.Roles, HydraRoles.Comma(HydraPrincipal.Roles(person)));
            request.Headers.TryAddWithoutValidation(ServiceHeaders.LabelScopes, Uri.EscapeDataString(string.Join(',', HydraPrincipal.LabelScopes(person))));
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> PersonAsync()
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } provider) return (await provider.GetAuthenticationStateAsync()).User;
        return http.HttpContext?.User;
    }
}
