using System.Threading.RateLimiting;
using Hydra.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Hydra.Web.Accounts;

/// <summary>
/// Web's side of ADR-011: a cookie for the person (from a local account checked by Inference, or
/// OpenID Connect when configured), deny by default, and the rate limits on sign-in and chat.
/// </summary>
public static class WebSecurity
{
    public const string ServiceKeyKey = "Hydra:Auth:ServiceKey";

    /// <summary>How long Web believes a cookie's roles before asking Inference again (a disabled account is out within this).</summary>
    /// <summary>Sign-in attempts a minute per address (default 10).</summary>
    public const string SignInAttemptsPerMinuteKey = "Hydra:Web:SignInAttemptsPerMinute";

    public static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(5);

    public static WebApplicationBuilder AddHydraWebSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var anonymousRunPage = builder.Configuration.GetValue(WebPolicies.AnonymousRunPageKey, false);
        var signInsPerMinute = Math.Max(1, builder.Configuration.GetValue(SignInAttemptsPerMinuteKey, 10));

        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "hydra";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // A shift is 8 hours; the control-room screen stays signed in as long as it is used.
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = CookieRecheck.ValidateAsync;
            });
        builder.AddOpenIdConnectWhenConfigured(authentication);

        services.AddAuthorizationBuilder()
            // Deny by default: a page or endpoint that names no policy needs a signed-in person.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(WebPolicies.RunPage, policy => policy.RequireAssertion(context => anonymousRunPage || context.User.Identity?.IsAuthenticated == true))
            .AddPolicy(WebPolicies.Labeller, policy => policy.RequireRole(HydraRoles.Labellers))
            .AddPolicy(WebPolicies.Expert, policy => policy.RequireRole(HydraRoles.Experts))
            .AddPolicy(WebPolicies.Admin, policy => policy.RequireRole(HydraRoles.Admin));
        services.AddSharedDataProtection();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AccountRevalidation>();
        services.AddHttpContextAccessor();
        services.AddSingleton<CircuitServicesAccessor>();
        services.AddScoped<CircuitHandler, ServicesAccessorCircuitHandler>();
        services.AddTransient<ServiceCallerHandler>();
        services.AddTransient<AccountsApi>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Ten sign-in attempts a minute per address by default: a person who mistypes is not
            // hindered, a guesser is (and Inference locks an account after five wrong passwords).
            // Configurable for a counting house where a whole shift signs in from one NAT address.
            options.AddPolicy(WebPolicies.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddSingleton<ChatRateLimit>();
        return builder;
    }
}
