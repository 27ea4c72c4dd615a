using System.Security.Claims;
using Hydra.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Hydra.Web.Accounts;

/// <summary>
/// The <c>Hydra:Auth:Oidc</c> section. With an Authority and a ClientId, the sign-in page offers
/// "Sign in with {DisplayName}" beside the local accounts. Roles come from the <see cref="RoleClaim"/>
/// claim: a value naming a Hydra role (Admin, Developer, DetectorExpert, Labeler, Viewer, Liaison) is
/// that role, and <see cref="RoleMap"/> translates the laboratory's group names (e.g.
/// <c>"clas12-shift": "Viewer"</c>). Label scopes come from <see cref="LabelScopeClaim"/> when given.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Hydra:Auth:Oidc";
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "single sign-on";
    public string NameClaim { get; set; } = "preferred_username";
    public string RoleClaim { get; set; } = "roles";
    public string? LabelScopeClaim { get; set; }
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The Hydra roles a set of claim values grant: direct names and mapped groups, unknown values ignored.</summary>
    public IReadOnlyList<string> RolesFrom(IEnumerable<string> values) =>
        [.. values.Select(value => RoleMap.TryGetValue(value, out var mapped) ? mapped : value)
            .Select(value => HydraRoles.All.FirstOrDefault(role => string.Equals(role, value, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>().Distinct()];
}

public static class OpenIdConnectSignIn
{
    public static void AddOpenIdConnectWhenConfigured(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var settings = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        builder.Services.AddSingleton(settings);
        if (!settings.Enabled) return;

        authentication.AddOpenIdConnect(OidcOptions.Scheme, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.Scope.Add("profile");
            options.CallbackPath = "/account/oidc-callback";
            options.SignedOutCallbackPath = "/account/oidc-signed-out";
            options.Events.OnTokenValidated = context =>
            {
                // The cookie holds a Hydra person, not the provider's token: the same shape as a local sign-in.
                var external = context.Principal!;
                var name = external.FindFirst(settings.NameClaim)?.Value ?? external.FindFirst("sub")?.Value ?? "unknown";
                var roles = settings.RolesFrom(external.FindAll(settings.RoleClaim).SelectMany(c => c.Value.Split(',', ' ')));
                var scopes = settings.LabelScopeClaim is null ? [] : external.FindAll(settings.LabelScopeClaim).SelectMany(c => LabelScopes.Parse(c.Value)).ToList();
                context.Principal = HydraPrincipal.From(new AccountView(name, roles, scopes, Disabled: false), "oidc");
                return Task.CompletedTask;
            };
        });
    }
}
