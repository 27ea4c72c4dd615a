using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Hydra.Testing.Assistant;

/// <summary>
/// A language model that follows a script: each call to the model runs the next step, which sees
/// every message so far (tool results included) and returns tool calls or the answer. It records
/// the calls, so a test can check which tools were offered and what came back from them.
/// </summary>
public sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] steps) : IChatClient
{
    private int _next;

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add((list, options));
        if (_next >= steps.Length) throw new InvalidOperationException($"the script has {steps.Length} steps; the model was called a {_next + 1}th time");
        return Task.FromResult(steps[_next++](list));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    // Semantic Kernel asks every chat client for its metadata.
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", new Uri("http://scripted.invalid"), "script-1")
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }

    public static ChatResponse Call(string function, Dictionary<string, object?> arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call-{Guid.NewGuid():N}"[..13], function, arguments)]));

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    /// <summary>The last tool result in the conversation, as JSON text.</summary>
    public static string LastToolResult(IReadOnlyList<ChatMessage> messages) =>
        messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Last().Result switch
        {
            string s => s,
            JsonElement e => e.GetRawText(),
            var other => JsonSerializer.Serialize(other, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        };
}
