using System.Runtime.CompilerServices;
using System.Text;
using Hydra.Assistant.Conversations;
using Hydra.Assistant.Inference;
using Hydra.Assistant.Logbook;
using Hydra.Assistant.Tools;
using Hydra.Core.Assistant;
using Microsoft.Extensions.AI;

namespace Hydra.Assistant.Chat;

/// <summary>
/// One turn of a conversation: stores the question, answers it with the language model or, when
/// none is configured, in offline mode, checks the answer's citations as it streams, emits the cited
/// sources, and stores the answer.
/// </summary>
public sealed class ChatService(
    IServiceProvider services,
    InferenceClient inference,
    LogbookSearch logbook,
    ConversationStore conversations,
    ILogger<ChatService> logger)
{
    public const string LlmMode = "llm";
    public const string OfflineMode = "offline";

    /// <summary>A language model is attached when an <see cref="IChatClient"/> is registered (configuration or tests).</summary>
    public bool HasLanguageModel => services.GetService<IChatClient>() is not null;

    public async IAsyncEnumerable<ChatEvent> AnswerAsync(ChatRequest request, string user, [EnumeratorCancellation] CancellationToken ct)
    {
        var conversation = await conversations.OpenAsync(user, request.ConversationId, request.Message, ct);
        if (conversation is null)
        {
            yield return new ErrorEvent($"no conversation {request.ConversationId} of {user}");
            yield break;
        }
        var history = await conversations.HistoryAsync(conversation.Id, ct);
        await conversations.AppendAsync(conversation.Id, "user", request.Message, ct);

        var sources = new TurnSources();
        var tools = new HydraTools(inference, logbook, sources);
        var mode = HasLanguageModel ? LlmMode : OfflineMode;
        var events = mode == LlmMode
            ? services.GetRequiredService<LlmResponder>().AnswerAsync(
                [.. history.Select(m => new ChatMessage(m.Role == "user" ? ChatRole.User : ChatRole.Assistant, m.Content))], request.Message, request.Context, tools, ct)
            : new OfflineResponder(tools).AnswerAsync(request.Message, request.Context, ct);

        var filter = new CitationFilter(sources);
        var answer = new StringBuilder();
        string? failure = null;
        await using (var enumerator = events.GetAsyncEnumerator(ct))
        {
            while (true)
            {
                ChatEvent current;
                try
                {
                    if (!await enumerator.MoveNextAsync()) break;
                    current = enumerator.Current;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The model endpoint failed (down, wrong key, rate limit): say so, keep what was written.
                    logger.LogWarning(exception, "The {Mode} answer failed", mode);
                    failure = $"The {(mode == LlmMode ? "language model" : "offline answer")} failed: {exception.GetBaseException().Message}";
                    break;
                }
                if (current is TextEvent text)
                {
                    var shown = filter.Push(text.Text);
                    if (shown.Length == 0) continue;
                    answer.Append(shown);
                    yield return new TextEvent(shown);
                }
                else
                {
                    yield return current;
                }
            }
        }
        var rest = filter.Flush();
        if (rest.Length > 0)
        {
            answer.Append(rest);
            yield return new TextEvent(rest);
        }
        foreach (var source in filter.Cited)
        {
            yield return new SourceEvent(source.Kind.ToString().ToLowerInvariant(), source.Id, source.Title, source.Url);
        }

        await conversations.AppendAsync(conversation.Id, "assistant", failure is null ? answer.ToString() : $"{answer}\n[{failure}]", CancellationToken.None);
        yield return failure is null ? new DoneEvent(conversation.Id, mode, filter.Removed) : new ErrorEvent(failure);
    }
}
