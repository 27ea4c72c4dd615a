using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hydra.Web.Accounts;

/// <summary>
/// Sign-in and sign-out as plain form posts: a cookie can only be set on an HTTP response, never
/// from inside a Blazor circuit. Both forms carry an antiforgery token, which minimal APIs check
/// for every [FromForm] endpoint (UseAntiforgery); sign-in is rate limited per address.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account");

        account.MapPost("/login", async ([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl,
                HttpContext http, AccountsApi accounts) =>
            {
                var back = LocalOnly(returnUrl);
                var checkedAccount = await accounts.CheckPasswordAsync(userName.Trim(), password, http.RequestAborted);
                if (checkedAccount.Value is not { } person)
                {
                    var why = checkedAccount.Error?.StartsWith("cannot reach", StringComparison.Ordinal) == true ? "unreachable" : "wrong";
                    return Results.Redirect($"/account/login?error={why}&returnUrl={Uri.EscapeDataString(back)}");
                }
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, HydraPrincipal.From(person, "local"),
                    new AuthenticationProperties { IsPersistent = true, IssuedUtc = DateTimeOffset.UtcNow });
                return Results.LocalRedirect(back);
            })
            .AllowAnonymous()
            .RequireRateLimiting(WebPolicies.LoginRateLimit)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        account.MapGet("/login/oidc", (string? returnUrl, OidcOptions oidc) => oidc.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OidcOptions.Scheme])
                : Results.NotFound())
            .AllowAnonymous()
            .RequireRateLimiting(WebPolicies.LoginRateLimit);

        account.MapPost("/logout", async (HttpContext http) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/account/login");
            })
            .AllowAnonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    /// <summary>Only a path on this site: an open redirect would let a phishing link borrow Hydra's sign-in page.</summary>
    private static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
