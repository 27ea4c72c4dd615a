using System.Security.Claims;
using Hydra.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hydra.Web.Accounts;

/// <summary>The person in Web's cookie: name, Hydra roles and label scopes, from a local account or an OpenID Connect sign-in.</summary>
public static class HydraPrincipal
{
    public static ClaimsPrincipal From(AccountView account, string source)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, account.UserName), new("hydra:source", source) };
        claims.AddRange(account.Roles.Where(HydraRoles.All.Contains).Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange(account.LabelScopes.Select(scope => new Claim(Core.Accounts.LabelScopes.ClaimType, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static IReadOnlyList<string> Roles(ClaimsPrincipal person) => [.. person.FindAll(ClaimTypes.Role).Select(c => c.Value)];

    public static IReadOnlyList<string> LabelScopes(ClaimsPrincipal person) => [.. person.FindAll(Core.Accounts.LabelScopes.ClaimType).Select(c => c.Value)];

    public static bool MayLabel(ClaimsPrincipal person, string plotName, string detector) =>
        Core.Accounts.LabelScopes.Allows(Roles(person), LabelScopes(person), plotName, detector);

    public static bool IsLocal(ClaimsPrincipal person) => person.FindFirst("hydra:source")?.Value == "local";
}
