using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Accounts;

namespace Hydra.Inference.Tests;

/// <summary>
/// Hydra never ends up without an Admin: an Admin cannot demote or disable themselves (400), and the
/// last enabled Admin keeps the role and stays enabled whoever asks (409), even when two Admins try
/// to demote each other at the same moment.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class LastAdminTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string AdminPassword = "first admin password";

    protected override void Configure(IDictionary<string, string?> settings) => settings["Hydra:Auth:AdminPassword"] = AdminPassword;

    private async Task<HttpStatusCode> PutAsync(HttpClient caller, string name, string[] roles, bool disabled = false, string? password = null)
    {
        using var response = await caller.PutAsJsonAsync($"/api/v1/accounts/{name}", new AccountRequest(name, password, roles, [], disabled));
        return response.StatusCode;
    }

    private async Task<AccountView> AccountAsync(string name) => await GetAsync<AccountView>($"/api/v1/accounts/{name}");

    private async Task WaitForSeededAdminAsync() =>
        await WaitUntilAsync(async () => (await Api.GetAsync("/api/v1/accounts/admin")).IsSuccessStatusCode, "the seeded admin");

    [Fact]
    public async Task An_admin_can_neither_remove_their_own_admin_role_nor_disable_themselves()
    {
        await WaitForSeededAdminAsync();
        Assert.Equal(HttpStatusCode.Created, await PutAsync(Api, "ruth", [HydraRoles.Admin, HydraRoles.Developer], password: "ruth's long password"));
        var ruth = ActingAs("ruth");

        using var demoted = await ruth.PutAsJsonAsync("/api/v1/accounts/ruth", new AccountRequest("ruth", null, [HydraRoles.Developer], []));
        Assert.Equal(HttpStatusCode.BadRequest, demoted.StatusCode);
        Assert.Contains("cannot remove their own Admin role", await demoted.Content.ReadAsStringAsync());
        using var disabled = await ruth.PutAsJsonAsync("/api/v1/accounts/ruth", new AccountRequest("ruth", null, [HydraRoles.Admin], [], Disabled: true));
        Assert.Equal(HttpStatusCode.BadRequest, disabled.StatusCode);
        Assert.Contains("cannot disable their own account", await disabled.Content.ReadAsStringAsync());

        // Unchanged, though there is another Admin: the rule is about oneself, not the count.
        var account = await AccountAsync("ruth");
        Assert.Equal((false, true), (account.Disabled, account.Roles.Contains(HydraRoles.Admin)));
        // Changing one's other roles is still fine.
        Assert.Equal(HttpStatusCode.OK, await PutAsync(ruth, "ruth", [HydraRoles.Admin]));
        Assert.Equal([HydraRoles.Admin], (await AccountAsync("ruth")).Roles);
    }

    [Fact]
    public async Task The_last_enabled_admin_keeps_the_role_and_stays_enabled()
    {
        await WaitForSeededAdminAsync();
        // An Admin with no local account (OpenID Connect) is the caller: it is not "themselves".
        var oidcAdmin = ActingAs("oidc-admin");

        using var demoted = await oidcAdmin.PutAsJsonAsync("/api/v1/accounts/admin", new AccountRequest("admin", null, [HydraRoles.Viewer], []));
        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        var problem = await demoted.Content.ReadAsStringAsync();
        Assert.Contains("Last Admin", problem);
        Assert.Contains("'admin' is the last enabled Admin", problem);
        Assert.Equal(HttpStatusCode.Conflict, await PutAsync(oidcAdmin, "admin", [HydraRoles.Admin], disabled: true));
        var admin = await AccountAsync("admin");
        Assert.False(admin.Disabled);
        Assert.Equal([HydraRoles.Admin], admin.Roles);

        // A disabled Admin does not count as the one who remains.
        Assert.Equal(HttpStatusCode.Created, await PutAsync(oidcAdmin, "dormant", [HydraRoles.Admin], disabled: true, password: "dormant's long password"));
        Assert.Equal(HttpStatusCode.Conflict, await PutAsync(oidcAdmin, "admin", [HydraRoles.Viewer]));

        // With a second enabled Admin the first may go; then the second is the last.
        Assert.Equal(HttpStatusCode.OK, await PutAsync(oidcAdmin, "dormant", [HydraRoles.Admin]));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(oidcAdmin, "admin", [HydraRoles.Viewer]));
        Assert.Equal([HydraRoles.Viewer], (await AccountAsync("admin")).Roles);
        Assert.Equal(HttpStatusCode.Conflict, await PutAsync(oidcAdmin, "dormant", [HydraRoles.Admin], disabled: true));
        Assert.False((await AccountAsync("dormant")).Disabled);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        await WaitForSeededAdminAsync();
        Assert.Equal(HttpStatusCode.OK, await PutAsync(Api, "admin", [HydraRoles.Admin]));
        Assert.Equal(HttpStatusCode.Created, await PutAsync(Api, "bea", [HydraRoles.Admin], password: "bea's long password"));
        var admin = ActingAs("admin");
        var bea = ActingAs("bea");

        var outcomes = await Task.WhenAll(PutAsync(admin, "bea", [HydraRoles.Viewer]), PutAsync(bea, "admin", [HydraRoles.Viewer]));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], outcomes.Order());
        var admins = (await GetAsync<List<AccountView>>("/api/v1/accounts")).Where(a => a.Roles.Contains(HydraRoles.Admin) && !a.Disabled).ToList();
        Assert.Single(admins);
    }
}
