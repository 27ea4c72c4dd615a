using Hydra.Core.Accounts;
using Hydra.Inference.Accounts;
using Hydra.Inference.Data;
using Hydra.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Hydra.Inference.Security;

/// <summary>
/// Who may call what on Inference's API (ADR-011). Deny by default: the fallback policy admits only
/// Web and the Assistant (service key), to read; every write is named in <see cref="EndpointPolicies"/>
/// or else needs an Admin.
/// </summary>
public static class InferencePolicies
{
    /// <summary>An ingest source's key or an Admin/Developer: images, plot layouts, run conditions.</summary>
    public const string Ingest = "ingest";

    /// <summary>What an ingest source reads besides writing (the newest run, for <c>--run next</c>).</summary>
    public const string ReadOrIngest = "read-or-ingest";
    public const string Label = "label";
    public const string Expert = "expert";
    public const string News = "news";
    public const string Admin = "admin";

    /// <summary>Web itself, e.g. checking a password at sign-in, before any person is known.</summary>
    public const string Service = "service";

    private static readonly string[] ServiceOnly = [ServiceKeyAuthentication.SchemeName];
    private static readonly string[] ServiceOrKey = [ServiceKeyAuthentication.SchemeName, ApiKeyAuthentication.SchemeName];

    public static IHostApplicationBuilder AddInferenceSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddAuthentication(ServiceKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ServiceKeyAuthentication>(ServiceKeyAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ServiceOnly).RequireAuthenticatedUser().Build())
            .AddPolicy(Service, policy => policy.AddAuthenticationSchemes(ServiceOnly).RequireAuthenticatedUser())
            .AddPolicy(ReadOrIngest, policy => policy.AddAuthenticationSchemes(ServiceOrKey).RequireAuthenticatedUser())
            .AddPolicy(Ingest, policy => policy.AddAuthenticationSchemes(ServiceOrKey).RequireRole(HydraRoles.IngestSource, HydraRoles.Admin, HydraRoles.Developer))
            .AddPolicy(Label, policy => policy.AddAuthenticationSchemes(ServiceOnly).RequireRole(HydraRoles.Labellers))
            .AddPolicy(Expert, policy => policy.AddAuthenticationSchemes(ServiceOnly).RequireRole(HydraRoles.Experts))
            .AddPolicy(News, policy => policy.AddAuthenticationSchemes(ServiceOnly).RequireRole(HydraRoles.NewsWriters))
            .AddPolicy(Admin, policy => policy.AddAuthenticationSchemes(ServiceOnly).RequireRole(HydraRoles.Admin));

        // Local accounts. Length over composition rules (NIST SP 800-63B); five wrong passwords lock
        // an account for five minutes, which together with Web's rate limit stops guessing.
        services.AddIdentityCore<HydraUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.User.AllowedUserNameCharacters += " ";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MonitoringDb>();
        services.AddHostedService<AccountSeeder>();
        return builder;
    }
}
