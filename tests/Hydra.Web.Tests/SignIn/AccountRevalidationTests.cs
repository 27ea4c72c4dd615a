using Hydra.Core.Accounts;
using Hydra.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Web.Tests.SignIn;

/// <summary>An open page's sign-in is re-checked with Inference: unchanged stays, changed or unknown ends.</summary>
[Collection(SignInCollection.Name)]
public sealed class AccountRevalidationTests(RedisFixture redis)
{
    [Fact]
    public async Task An_unchanged_account_stays_signed_in_changed_roles_and_unknown_accounts_do_not()
    {
        await using var web = new WebHost(redis);
        using var scope = web.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountsApi>();
        var ada = WebHost.People["ada"].Account;

        Assert.True(await AccountRevalidation.StillValidAsync(HydraPrincipal.From(ada, "local"), accounts, default));
        Assert.False(await AccountRevalidation.StillValidAsync(HydraPrincipal.From(ada with { Roles = [HydraRoles.Admin] }, "local"), accounts, default));
        Assert.False(await AccountRevalidation.StillValidAsync(HydraPrincipal.From(ada with { UserName = "zoe" }, "local"), accounts, default));
        // OpenID Connect people are the identity provider's to disable.
        Assert.True(await AccountRevalidation.StillValidAsync(HydraPrincipal.From(ada with { UserName = "zoe" }, "oidc"), accounts, default));
    }
}
