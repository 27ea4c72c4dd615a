using System.Net;
using System.Net.Http.Json;
using Hydra.Assistant.Chat;
using Hydra.Core.Assistant;

namespace Hydra.Assistant.Tests;

/// <summary>The chat endpoint's contract: server-sent events of typed events, and clear 400s.</summary>
public sealed class ChatApiTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    protected override bool ReadsOnly => true;

    [Fact]
    public async Task An_over_long_prompt_is_a_clear_400_and_nothing_is_stored()
    {
        using var web = PersonClient("too-long");
        using var response = await web.PostAsJsonAsync("/api/v1/chat", new ChatRequest(new string('x', ChatRequest.MaxMessageLength + 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("Message too long", problem);
        Assert.Contains("at most 2,000", problem);
        Assert.Empty((await web.GetFromJsonAsync<List<Conversations.ConversationSummary>>("/api/v1/conversations"))!);

        using var empty = await web.PostAsJsonAsync("/api/v1/chat", new ChatRequest("  "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task The_answer_streams_as_named_server_sent_events_ending_with_done()
    {
        using var web = PersonClient("alice");
        using var response = await web.PostAsJsonAsync("/api/v1/chat", new ChatRequest("What is alarming now?"));
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("event: text\ndata: {\"type\":\"text\",\"text\":\"Offline mode", raw);
        Assert.Contains("event: tool-call\ndata: {\"type\":\"tool-call\",\"name\":\"active_alarms\"", raw);
        Assert.Contains("event: source\ndata: {\"type\":\"source\",\"kind\":\"alarm\",\"id\":102,", raw);
        Assert.Matches("event: done\ndata: \\{\"type\":\"done\",\"conversationId\":\"[0-9a-f-]{36}\",\"mode\":\"offline\",\"removedCitations\":0\\}\n\n$", raw);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_assistant_endpoints()
    {
        var document = await Api.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/chat", "/api/v1/conversations", "/api/v1/logbook/import", "/api/v1/logbook/search", "/api/v1/logbook/{id}" })
        {
            Assert.Contains($"\"{path}\"", document);
        }
    }
}
