using System.Net.ServerSentEvents;
using System.Security.Claims;
using Hydra.Assistant.Conversations;
using Hydra.Core.Assistant;
using Hydra.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hydra.Assistant.Chat;

/// <summary>Ask the assistant (answers stream as server-sent events) and read one's conversations.</summary>
public static class ChatEndpoints
{
    /// <summary>The longest person name a conversation records (the column's length): longer is refused, never cut, so two names cannot share one owner.</summary>
    public const int MaxUserNameLength = 200;

    public static RouteGroupBuilder MapChatEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/chat", Results<ServerSentEventsResult<ChatEvent>, ProblemHttpResult> (ChatRequest request, ClaimsPrincipal caller, ChatService chat, CancellationToken ct) =>
            {
                var (person, refused) = Owner(caller, request.User);
                if (refused is not null) return refused;
                if (string.IsNullOrWhiteSpace(request.Message)) return TypedResults.Problem("the message is empty", statusCode: StatusCodes.Status400BadRequest, title: "No question");
                if (request.Message.Length > ChatRequest.MaxMessageLength)
                {
                    return TypedResults.Problem($"the message has {request.Message.Length:N0} characters; at most {ChatRequest.MaxMessageLength:N0} are allowed",
                        statusCode: StatusCodes.Status400BadRequest, title: "Message too long");
                }
                if (request.Context?.Plot is { Length: > 100 }) return TypedResults.Problem("context.plot: at most 100 characters", statusCode: StatusCodes.Status400BadRequest);
                var events = chat.AnswerAsync(request with { Message = request.Message.Trim() }, person!, ct);
                return TypedResults.ServerSentEvents(Items(events));
            })
            .WithTags("Chat")
            .WithName("Chat")
            .RequireRateLimiting(Security.AssistantSecurity.ChatRateLimit)
            .WithSummary("Ask the assistant as the person Web forwards (X-Hydra-User). Server-sent events: text, tool-call, source {kind, id, title, url}, then done (or error).");

        api.MapGet("/conversations", async Task<Results<Ok<List<ConversationSummary>>, ProblemHttpResult>> (string? user, ClaimsPrincipal caller, ConversationStore store, CancellationToken ct) =>
            {
                var (person, refused) = Owner(caller, user);
                if (refused is not null) return refused;
                return TypedResults.Ok(await store.ListAsync(person!, ct));
            })
            .WithTags("Chat")
            .WithSummary("The forwarded person's conversations, newest first.");

        api.MapGet("/conversations/{id:guid}", async Task<Results<Ok<List<MessageView>>, ProblemHttpResult>> (Guid id, string? user, ClaimsPrincipal caller, ConversationStore store, CancellationToken ct) =>
            {
                var (person, refused) = Owner(caller, user);
                if (refused is not null) return refused;
                // Another person's conversation is answered exactly like one that does not exist.
                return await store.MessagesAsync(person!, id, ct) is { } messages
                    ? TypedResults.Ok(messages)
                    : TypedResults.Problem($"no conversation {id}", statusCode: StatusCodes.Status404NotFound);
            })
            .WithTags("Chat")
            .WithSummary("One of the forwarded person's conversations, oldest message first.");
        return api;
    }

    private static async IAsyncEnumerable<SseItem<ChatEvent>> Items(IAsyncEnumerable<ChatEvent> events)
    {
        await foreach (var e in events) yield return new SseItem<ChatEvent>(e, e.EventType);
    }

    /// <summary>
    /// Whose conversations a call may touch: only the person Web forwards in X-Hydra-User, which is
    /// believed only with the service key (ADR-011). The <c>user</c> a client may still put in the
    /// body or the query (the contract before accounts) decides nothing: naming the same person is
    /// accepted, naming anyone else is refused (403), and a call that forwards no person has nobody
    /// to own a conversation (400), whatever it names. So one person can never list, read or
    /// continue another's conversation, even through a client that passes a name along unchecked.
    /// </summary>
    internal static (string? Person, ProblemHttpResult? Problem) Owner(ClaimsPrincipal caller, string? claimed)
    {
        var person = ServiceKeyAuthentication.PersonOf(caller)?.Trim();
        if (string.IsNullOrEmpty(person))
        {
            return (null, TypedResults.Problem(
                $"conversations belong to a person: send the signed-in person in {Core.Accounts.ServiceHeaders.User} with the service key (a 'user' in the body or query is not enough)",
                statusCode: StatusCodes.Status400BadRequest, title: "No person"));
        }
        if (person.Length > MaxUserNameLength)
        {
            return (null, TypedResults.Problem($"the person's name has {person.Length:N0} characters; at most {MaxUserNameLength} are allowed",
                statusCode: StatusCodes.Status400BadRequest, title: "Name too long"));
        }
        if (!string.IsNullOrWhiteSpace(claimed) && !string.Equals(claimed.Trim(), person, StringComparison.Ordinal))
        {
            return (null, TypedResults.Problem("the request names another person than the one signed in: a person reads and continues only their own conversations",
                statusCode: StatusCodes.Status403Forbidden, title: "Not your conversations"));
        }
        return (person, null);
    }
}
