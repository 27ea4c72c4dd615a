using System.Net.ServerSentEvents;
using Hydra.Assistant.Conversations;
using Hydra.Core.Assistant;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hydra.Assistant.Chat;

/// <summary>Ask the assistant (answers stream as server-sent events) and read one's conversations.</summary>
public static class ChatEndpoints
{
    public const string UserHeader = "X-Hydra-User";
    private const string Anonymous = "anonymous";

    public static RouteGroupBuilder MapChatEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/chat", Results<ServerSentEventsResult<ChatEvent>, ProblemHttpResult> (ChatRequest request, HttpContext http, ChatService chat, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(request.Message)) return TypedResults.Problem("the message is empty", statusCode: StatusCodes.Status400BadRequest, title: "No question");
                if (request.Message.Length > ChatRequest.MaxMessageLength)
                {
                    return TypedResults.Problem($"the message has {request.Message.Length:N0} characters; at most {ChatRequest.MaxMessageLength:N0} are allowed",
                        statusCode: StatusCodes.Status400BadRequest, title: "Message too long");
                }
                if (request.Context?.Plot is { Length: > 100 }) return TypedResults.Problem("context.plot: at most 100 characters", statusCode: StatusCodes.Status400BadRequest);
                var user = UserOf(request.User ?? http.Request.Headers[UserHeader]);
                var events = chat.AnswerAsync(request with { Message = request.Message.Trim() }, user, ct);
                return TypedResults.ServerSentEvents(Items(events));
            })
            .WithTags("Chat")
            .WithName("Chat")
            .RequireRateLimiting(Security.AssistantSecurity.ChatRateLimit)
            .WithSummary("Ask the assistant. Server-sent events: text, tool-call, source {kind, id, title, url}, then done (or error).");

        api.MapGet("/conversations", async (string? user, HttpContext http, ConversationStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.ListAsync(UserOf(user ?? http.Request.Headers[UserHeader]), ct)))
            .WithTags("Chat")
            .WithSummary("A person's conversations, newest first.");

        api.MapGet("/conversations/{id:guid}", async Task<Results<Ok<List<MessageView>>, ProblemHttpResult>> (Guid id, string? user, HttpContext http, ConversationStore store, CancellationToken ct) =>
                await store.MessagesAsync(UserOf(user ?? http.Request.Headers[UserHeader]), id, ct) is { } messages
                    ? TypedResults.Ok(messages)
                    : TypedResults.Problem($"no conversation {id}", statusCode: StatusCodes.Status404NotFound))
            .WithTags("Chat")
            .WithSummary("One conversation's messages, oldest first.");
        return api;
    }

    private static async IAsyncEnumerable<SseItem<ChatEvent>> Items(IAsyncEnumerable<ChatEvent> events)
    {
        await foreach (var e in events) yield return new SseItem<ChatEvent>(e, e.EventType);
    }

    /// <summary>Accounts come with roles (a later issue); until then the Web app names the person.</summary>
    private static string UserOf(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Anonymous : name.Trim()[..Math.Min(name.Trim().Length, 200)];
}
