using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hydra.Core.Accounts;
using Hydra.Inference.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Security;

/// <summary>
/// Web and the Assistant call with the shared service key (ADR-011). With a forwarded person the
/// principal is that person, with their roles and label scopes; without one it is the calling
/// service itself, which may read but holds no role. Forwarded headers without a valid key are
/// ignored: nobody can claim a role by sending a header.
/// </summary>
public sealed class ServiceKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HydraService";
    public const string ServiceName = "hydra-service";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ServiceHeaders.ServiceKey].ToString();
        if (presented.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var expected = auth.CurrentValue.ServiceKey;
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return Task.FromResult(AuthenticateResult.Fail("wrong service key"));
        }

        var user = Header(ServiceHeaders.User);
        var claims = new List<Claim> { new(ClaimTypes.Name, string.IsNullOrWhiteSpace(user) ? ServiceName : user) };
        if (!string.IsNullOrWhiteSpace(user))
        {
            claims.AddRange(Split(ServiceHeaders.Roles).Select(role => new Claim(ClaimTypes.Role, role)));
            claims.AddRange(Split(ServiceHeaders.LabelScopes).Select(scope => new Claim(LabelScopes.ClaimType, scope)));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    private string Header(string name) => Uri.UnescapeDataString(Request.Headers[name].ToString());

    private IEnumerable<string> Split(string name) =>
        Header(name).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
