using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Hydra.Web.Accounts;

/// <summary>
/// An open page lives for a whole shift without an HTTP request, so the cookie check alone would let
/// a disabled person keep labelling from a page they already had open. Every few minutes each
/// circuit asks Inference how the local account stands; disabled, deleted or changed roles end the
/// circuit's sign-in, and the page sends the person through sign-in again (which picks up new roles).
/// </summary>
internal sealed class AccountRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => WebSecurity.RecheckAfter;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await StillValidAsync(authenticationState.User, scope.ServiceProvider.GetRequiredService<AccountsApi>(), cancellationToken);
    }

    internal static async Task<bool> StillValidAsync(System.Security.Claims.ClaimsPrincipal person, AccountsApi accounts, CancellationToken cancellationToken)
    {
        if (!HydraPrincipal.IsLocal(person)) return true;
        var account = await accounts.AccountAsync(person.Identity!.Name!, cancellationToken);
        // Inference unreachable: keep the person signed in; the pages already say UNREACHABLE.
        if (account.Value is null) return account.Error?.StartsWith("cannot reach", StringComparison.Ordinal) == true;
        return !account.Value.Disabled
            && account.Value.Roles.Order().SequenceEqual(HydraPrincipal.Roles(person).Order())
            && account.Value.LabelScopes.Order().SequenceEqual(HydraPrincipal.LabelScopes(person).Order());
    }
}
