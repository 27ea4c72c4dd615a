using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Hydra.Web.Accounts;

/// <summary>
/// The keys that sign the sign-in cookie and the antiforgery tokens live in Redis, not on one
/// machine's disk: every Web replica reads the same cookie, and a restarted or rescheduled Web
/// keeps everyone signed in (the control-room screen reconnects without a sign-in).
/// </summary>
internal static class SharedDataProtection
{
    private static readonly RedisKey Key = "hydra:web:data-protection-keys";

    public static void AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("hydra-web");
        // The multiplexer comes from Aspire's Redis client registration, so resolve it lazily.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), Key));
    }
}
