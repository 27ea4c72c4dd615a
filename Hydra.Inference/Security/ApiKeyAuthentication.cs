using System.Security.Claims;
using System.Text.Encodings.Web;
using Hydra.Core.Accounts;
using Hydra.Inference.Data;
using Hydra.Inference.IngestKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Security;

/// <summary>
/// A monitoring source's API key (<c>X-Api-Key</c>): looked up by its hash on every request, so a
/// revoked key is refused from the next upload on, with no cache to wait out.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MonitoringDb db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ServiceHeaders.ApiKey].ToString();
        if (presented.Length == 0) return AuthenticateResult.NoResult();
        var hash = IngestKeyHash.Of(presented);
        var key = await db.IngestKeys.AsNoTracking().Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name }).FirstOrDefaultAsync(Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("unknown or revoked API key");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"ingest:{key.Name}"), new Claim(ClaimTypes.Role, HydraRoles.IngestSource), new Claim("hydra:ingest-key", key.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
