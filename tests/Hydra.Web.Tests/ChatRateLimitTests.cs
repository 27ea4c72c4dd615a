using Hydra.Web.Accounts;

namespace Hydra.Web.Tests;

public sealed class ChatRateLimitTests
{
    [Fact]
    public void Six_questions_in_a_burst_pass_the_seventh_waits_and_another_person_is_not_held_up()
    {
        using var limit = new ChatRateLimit();

        var answers = Enumerable.Range(0, 7).Select(_ => limit.TryAcquire("ada")).ToList();

        Assert.Equal([true, true, true, true, true, true, false], answers);
        Assert.True(limit.TryAcquire("vic"));
    }
}
