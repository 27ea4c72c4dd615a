using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hydra.Web.Accounts;

/// <summary>
/// A cookie says who someone was at sign-in. Every few minutes Web asks Inference how a local
/// account stands now: disabled or deleted ends the session, changed roles or scopes replace the
/// cookie's. (OpenID Connect people are the identity provider's to disable.)
/// </summary>
internal static class CookieRecheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } person || !HydraPrincipal.IsLocal(person)) return;
        if (context.Properties.IssuedUtc is { } issued && DateTimeOffset.UtcNow - issued < WebSecurity.RecheckAfter) return;

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountsApi>();
        var account = await accounts.AccountAsync(person.Identity!.Name!, context.HttpContext.RequestAborted);
        if (account.Value is null)
        {
            // Unreachable Inference keeps the session (the pages say UNREACHABLE anyway); gone ends it.
            if (account.Error?.StartsWith("cannot reach", StringComparison.Ordinal) == true) return;
            await Reject(context);
            return;
        }
        if (account.Value.Disabled)
        {
            await Reject(context);
            return;
        }
        context.ReplacePrincipal(HydraPrincipal.From(account.Value, "local"));
        context.Properties.IssuedUtc = DateTimeOffset.UtcNow;
        context.ShouldRenew = true;
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
