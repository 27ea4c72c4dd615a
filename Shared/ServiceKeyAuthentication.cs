using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Hydra.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hydra.Shared;

// Linked into each service that Web calls on a person's behalf (Inference, Assistant), like
// DatabaseMigrations.cs: ServiceDefaults stays free of authentication.

/// <summary>
/// Web and the Assistant call with the shared service key (ADR-011). With a forwarded person the
/// principal is that person, with their roles and label scopes; without one it is the calling
/// service itself, which may read but holds no role. Forwarded headers without a valid key are
/// ignored: nobody can claim a role by sending a header. The key is <c>Hydra:Auth:ServiceKey</c>;
/// none configured means no caller is admitted (deny by default, never open by default).
/// </summary>
public sealed class ServiceKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HydraService";
    public const string ServiceName = "hydra-service";
    public const string ConfigurationKey = "Hydra:Auth:ServiceKey";

    /// <summary>
    /// Carried only by a principal for whom Web forwarded a person (with a valid key): their name.
    /// The service itself has a name too (<see cref="ServiceName"/>), but never this claim, so a
    /// person called "hydra-service" is still told apart from the service.
    /// </summary>
    public const string PersonClaim = "hydra:person";

    /// <summary>The person Web forwarded, or null when the caller is the service itself.</summary>
    public static string? PersonOf(ClaimsPrincipal principal) => principal.FindFirst(PersonClaim)?.Value;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ServiceHeaders.ServiceKey].ToString();
        if (presented.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var expected = configuration[ConfigurationKey];
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return Task.FromResult(AuthenticateResult.Fail("wrong service key"));
        }

        var user = Header(ServiceHeaders.User);
        var claims = new List<Claim> { new(ClaimTypes.Name, string.IsNullOrWhiteSpace(user) ? ServiceName : user) };
        if (!string.IsNullOrWhiteSpace(user))
        {
            claims.Add(new Claim(PersonClaim, user));
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
