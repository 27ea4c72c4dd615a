using System.Threading.RateLimiting;

namespace Hydra.Web.Accounts;

/// <summary>
/// Questions to the assistant per person: the chat panel talks to the Assistant from inside the
/// circuit, so there is no HTTP request per question for the middleware to count; the same
/// System.Threading.RateLimiting limiter is applied where the question is sent. Six questions a
/// minute, refilled one every ten seconds: a person asking follow-ups never notices, a stuck
/// key or a script does.
/// </summary>
public sealed class ChatRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(person =>
        RateLimitPartition.GetTokenBucketLimiter(person, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 6, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(10), QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>True when <paramref name="person"/> may ask now.</summary>
    public bool TryAcquire(string person)
    {
        using var lease = _limiter.AttemptAcquire(person);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
