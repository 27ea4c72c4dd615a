using System.Threading.RateLimiting;
using Hydra.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Hydra.Assistant.Security;

/// <summary>
/// The Assistant answers Web only (ADR-011): every endpoint but health needs the service key, and
/// questions are rate limited per forwarded person so one stuck page or script cannot keep the
/// language model (or the offline tools) busy for everyone. Calls without a person (a tool holding
/// the service key) share one bucket of their own.
/// </summary>
public static class AssistantSecurity
{
    public const string ChatRateLimit = "chat";

    /// <summary>Questions a minute that all calls without a person share (default 120).</summary>
    public const string ServiceChatPerMinuteKey = "Hydra:Assistant:ServiceChatPerMinute";

    public static WebApplicationBuilder AddAssistantSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(ServiceKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ServiceKeyAuthentication>(ServiceKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ServiceKeyAuthentication.SchemeName).RequireAuthenticatedUser().Build());
        var servicePerMinute = builder.Configuration.GetValue(ServiceChatPerMinuteKey, 120);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Twenty questions a minute per person; Web's own limit (six, then one per 10 s) is
            // stricter, this is the backstop. Calls without a person (tools, scripts with the
            // service key) share one larger bucket: a runaway loop still cannot hog the model.
            options.AddPolicy(ChatRateLimit, context => context.User.FindFirst(System.Security.Claims.ClaimTypes.Role) is null
                ? RateLimitPartition.GetFixedWindowLimiter("(service)",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = servicePerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetFixedWindowLimiter(context.User.Identity!.Name!,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }
}
