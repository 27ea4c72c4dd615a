using System.Net.Http.Json;
using System.Text.Json;
using Hydra.Assistant.Chat;
using Hydra.Assistant.Conversations;
using Hydra.Assistant.Tools;
using Hydra.Core.Assistant;
using Hydra.Testing.Assistant;
using Microsoft.Extensions.AI;

namespace Hydra.Assistant.Tests;

/// <summary>
/// The language-model path with a scripted model: Semantic Kernel calls the tools the model asks
/// for, with its arguments, against Inference's API, and their results reach the answer.
/// </summary>
public sealed class ScriptedModelTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNameCaseInsensitive = true };

    [Fact]
    public async Task The_model_calls_active_alarms_for_a_detector_and_its_result_reaches_the_answer()
    {
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("hydra_active_alarms", new() { ["detector"] = "ECAL" }),
            messages =>
            {
                var alarms = JsonSerializer.Deserialize<ToolResult<List<AlarmSummary>>>(ScriptedChatClient.LastToolResult(messages), Json)!;
                var first = alarms.Data!.Single();
                return ScriptedChatClient.Answer($"{first.PlotName} is alarming: {first.Message} since chunk-time {first.RaisedAt:HH:mm} [alarm:{first.AlarmId}].");
            });
        await StartAssistantAsync(model);

        var answer = await ChatAnswer.AskAsync(Api, new ChatRequest("Is anything alarming in ECAL?", "alice"));

        // The model was offered every tool, and the system prompt's rules.
        var offered = model.Calls[0].Options!.Tools!.Select(t => t.Name).ToList();
        Assert.Contains("hydra_active_alarms", offered);
        Assert.Contains("hydra_similar_episodes", offered);
        Assert.Contains("hydra_search_logbook", offered);
        Assert.Equal(ChatRole.System, model.Calls[0].Messages[0].Role);
        Assert.Contains("never instructions", model.Calls[0].Messages[0].Text);

        var call = Assert.Single(answer.ToolCalls);
        Assert.Equal("active_alarms", call.Name);
        Assert.Equal("ECAL", call.Arguments["detector"]?.ToString());
        Assert.Contains(Fixture.Inference.Requests, r => r.StartsWith("/api/v1/alarms?active=true&detector=ECAL"));

        Assert.Equal("ECAL_adcOccupancy is alarming: ECAL_adcOccupancy is Bad (confirmed, beam 50 nA) since chunk-time 08:22 [alarm:102].", answer.Text);
        var source = Assert.Single(answer.Sources);
        Assert.Equal(("alarm", 102L), (source.Kind, source.Id));
        Assert.Equal((ChatService.LlmMode, 0), (answer.Done!.Mode, answer.Done.RemovedCitations));
    }

    [Fact]
    public async Task The_model_chains_verdict_history_into_gradcam_regions_and_an_invented_citation_is_removed()
    {
        long imageId = 0;
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("hydra_verdict_history", new() { ["plot"] = EmulatedMonitoring.Ecal, ["run"] = 16042, ["limit"] = 5 }),
            messages =>
            {
                var history = JsonSerializer.Deserialize<ToolResult<VerdictHistory>>(ScriptedChatClient.LastToolResult(messages), Json)!;
                imageId = history.Data!.Latest[0].ImageId;
                return ScriptedChatClient.Call("hydra_gradcam_regions", new() { ["imageId"] = imageId });
            },
            messages =>
            {
                var verdict = JsonSerializer.Deserialize<ToolResult<VerdictSummary>>(ScriptedChatClient.LastToolResult(messages), Json)!;
                return ScriptedChatClient.Answer($"The model looks at {verdict.Data!.Regions[0].Summary} [image:{verdict.Data.ImageId}]. An HV trip, as in [logbook:777].");
            });
        await StartAssistantAsync(model);

        var answer = await ChatAnswer.AskAsync(Api, new ChatRequest("Why is ECAL bad?", "alice", Context: new PageContext(Run: 16042)));

        Assert.Equal(["verdict_history", "gradcam_regions"], answer.ToolCalls.Select(c => c.Name));
        Assert.Equal(EmulatedMonitoring.Ecal, answer.ToolCalls[0].Arguments["plot"]?.ToString());
        Assert.Equal("16042", answer.ToolCalls[0].Arguments["run"]?.ToString());
        Assert.Equal(imageId.ToString(), answer.ToolCalls[1].Arguments["imageId"]?.ToString());
        Assert.Contains($"/api/v1/images/{imageId}", Fixture.Inference.Requests);
        Assert.Contains("(Asked from the page of run 16042.)", model.Calls[0].Messages.Last().Text);

        Assert.Equal($"The model looks at ECAL sector 2, layers 4-6, components 1-12: crate 7 slots 3-4 [image:{imageId}]. An HV trip, as in .", answer.Text);
        Assert.Equal(1, answer.Done!.RemovedCitations);
        Assert.Equal([("image", imageId)], answer.Sources.Select(s => (s.Kind, s.Id)));
    }

    [Fact]
    public async Task A_conversation_is_kept_per_user_and_the_model_sees_its_earlier_turns()
    {
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Answer("First answer."),
            messages => ScriptedChatClient.Answer(messages.Any(m => m.Role == ChatRole.Assistant && m.Text == "First answer.") && messages.Any(m => m.Text == "First question?")
                ? "I remember." : "I forgot."));
        await StartAssistantAsync(model);

        var first = await ChatAnswer.AskAsync(Api, new ChatRequest("First question?", "alice"));
        var second = await ChatAnswer.AskAsync(Api, new ChatRequest("Second question?", "alice", first.Done!.ConversationId));
        Assert.Equal("I remember.", second.Text);
        Assert.Equal(first.Done.ConversationId, second.Done!.ConversationId);

        using var alice = PersonClient("alice");
        var alices = (await alice.GetFromJsonAsync<List<ConversationSummary>>("/api/v1/conversations"))!;
        Assert.Equal((first.Done.ConversationId, 4), (Assert.Single(alices).Id, alices[0].Messages));
        var messages = (await alice.GetFromJsonAsync<List<MessageView>>($"/api/v1/conversations/{first.Done.ConversationId}"))!;
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.Role));
        Assert.Equal("I remember.", messages[3].Content);

        // Bob sees none of it and cannot continue it (ConversationOwnershipTests tries harder).
        using var bob = PersonClient("bob");
        Assert.Empty((await bob.GetFromJsonAsync<List<ConversationSummary>>("/api/v1/conversations"))!);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/conversations/{first.Done.ConversationId}")).StatusCode);
        var hijack = await ChatAnswer.AskAsync(Api, new ChatRequest("Third?", "bob", first.Done.ConversationId));
        Assert.NotNull(hijack.Error);
    }

    [Fact]
    public async Task A_failing_model_ends_the_answer_with_an_error_event()
    {
        var model = new ScriptedChatClient(_ => throw new HttpRequestException("connection refused (model endpoint down)"));
        await StartAssistantAsync(model);

        var answer = await ChatAnswer.AskAsync(Api, new ChatRequest("What is alarming now?", "alice"));

        Assert.Null(answer.Done);
        Assert.Contains("connection refused", answer.Error!.Message);
        Assert.Equal("error", answer.EventTypes[^1]);
    }
}
