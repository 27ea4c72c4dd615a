using Hydra.Web.Accounts;

namespace Hydra.Web.Tests.SignIn;

/// <summary>OpenID Connect people get Hydra roles from a claim: role names directly, the lab's groups through the map.</summary>
public sealed class OidcRoleMappingTests
{
    [Fact]
    public void Role_names_count_mapped_groups_translate_and_anything_else_grants_nothing()
    {
        var oidc = new OidcOptions { RoleMap = new(StringComparer.OrdinalIgnoreCase) { ["clas12-shift"] = "Viewer", ["ecal-experts"] = "DetectorExpert" } };

        var roles = oidc.RolesFrom(["labeler", "CLAS12-shift", "ecal-experts", "domain-admins", "Viewer"]);

        Assert.Equal(["Labeler", "Viewer", "DetectorExpert"], roles);
        Assert.False(oidc.Enabled);
        Assert.True(new OidcOptions { Authority = "https://login.jlab.org", ClientId = "hydra" }.Enabled);
    }
}
