using System.Net;
using System.Net.Http.Json;
using Hydra.Assistant.Conversations;
using Hydra.Core.Accounts;
using Hydra.Core.Assistant;
using Hydra.Testing.Assistant;

namespace Hydra.Assistant.Tests;

/// <summary>
/// A conversation belongs to the person Web forwards in X-Hydra-User (believed only with the
/// service key, ADR-011); a <c>user</c> in the body or query decides nothing. Alice's conversation
/// stays hers whatever Bob, or a client that names Alice, sends.
/// </summary>
public sealed class ConversationOwnershipTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    [Fact]
    public async Task One_person_cannot_list_read_or_continue_anothers_conversation()
    {
        using var alice = PersonClient("alice");
        using var bob = PersonClient("bob");
        var asked = await ChatAnswer.AskAsync(alice, new ChatRequest("What is alarming now?"));
        var id = asked.Done!.ConversationId;
        Assert.Equal(2, (await alice.GetFromJsonAsync<List<MessageView>>($"/api/v1/conversations/{id}"))!.Count);

        // Bob, naming himself: nothing of Alice's.
        Assert.Empty((await bob.GetFromJsonAsync<List<ConversationSummary>>("/api/v1/conversations"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/conversations/{id}")).StatusCode);
        var continued = await ChatAnswer.AskAsync(bob, new ChatRequest("And before that?", ConversationId: id));
        Assert.Null(continued.Done);
        Assert.Contains($"no conversation {id}", continued.Error!.Message);

        // Bob, naming Alice in the query or the body (the old contract): refused, not believed.
        using var listAsAlice = await bob.GetAsync("/api/v1/conversations?user=alice");
        Assert.Equal(HttpStatusCode.Forbidden, listAsAlice.StatusCode);
        Assert.Contains("Not your conversations", await listAsAlice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/api/v1/conversations/{id}?user=alice")).StatusCode);
        using var askAsAlice = await bob.PostAsJsonAsync("/api/v1/chat", new ChatRequest("And before that?", "alice", id));
        Assert.Equal(HttpStatusCode.Forbidden, askAsAlice.StatusCode);

        // Alice's conversation is exactly as she left it: two messages, one conversation.
        var alices = (await alice.GetFromJsonAsync<List<ConversationSummary>>("/api/v1/conversations?user=alice"))!;
        Assert.Equal((id, 2), (Assert.Single(alices).Id, alices[0].Messages));
    }

    [Fact]
    public async Task Without_a_forwarded_person_a_named_user_is_not_believed()
    {
        using var alice = PersonClient("alice");
        var id = (await ChatAnswer.AskAsync(alice, new ChatRequest("What is alarming now?"))).Done!.ConversationId;

        // The service key alone, naming Alice: a clear 400, nothing read, nothing stored.
        using var listed = await Api.GetAsync("/api/v1/conversations?user=alice");
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Contains(ServiceHeaders.User, await listed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync($"/api/v1/conversations/{id}?user=alice")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsJsonAsync("/api/v1/chat", new ChatRequest("Continue", "alice", id))).StatusCode);

        // A forwarded person without the key is no one at all.
        using var forged = Host.CreateClient();
        forged.DefaultRequestHeaders.Remove(ServiceHeaders.ServiceKey);
        forged.DefaultRequestHeaders.Add(ServiceHeaders.User, "alice");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/conversations")).StatusCode);

        Assert.Equal(2, (await alice.GetFromJsonAsync<List<MessageView>>($"/api/v1/conversations/{id}"))!.Count);
    }
}
