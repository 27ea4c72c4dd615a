using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Hydra.Assistant.Chat;
using Hydra.Core.Assistant;

namespace Hydra.Testing.Assistant;

/// <summary>One answer read back from the server-sent events of POST /api/v1/chat.</summary>
public sealed record ChatAnswer(string Text, IReadOnlyList<ToolCallEvent> ToolCalls, IReadOnlyList<SourceEvent> Sources, DoneEvent? Done, ErrorEvent? Error, IReadOnlyList<string> EventTypes)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Asks as Web does: the person (<see cref="ChatRequest.User"/>, when given) travels in
    /// X-Hydra-User beside the client's service key; the body names the same person, which the
    /// Assistant accepts.
    /// </summary>
    public static async Task<ChatAnswer> AskAsync(HttpClient client, ChatRequest request, CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat") { Content = JsonContent.Create(request, options: Json) };
        if (!string.IsNullOrEmpty(request.User)) message.Headers.Add(Hydra.Core.Accounts.ServiceHeaders.User, Uri.EscapeDataString(request.User));
        using var response = await client.SendAsync(message, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream") throw new InvalidOperationException($"not an event stream: {response.Content.Headers.ContentType}");
        var text = new StringBuilder();
        var calls = new List<ToolCallEvent>();
        var sources = new List<SourceEvent>();
        var types = new List<string>();
        DoneEvent? done = null;
        ErrorEvent? error = null;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct), (type, data) => JsonSerializer.Deserialize<ChatEvent>(data, Json)!).EnumerateAsync(ct))
        {
            types.Add(item.EventType);
            switch (item.Data)
            {
                case TextEvent t: text.Append(t.Text); break;
                case ToolCallEvent c: calls.Add(c); break;
                case SourceEvent s: sources.Add(s); break;
                case DoneEvent d: done = d; break;
                case ErrorEvent e: error = e; break;
            }
        }
        return new ChatAnswer(text.ToString(), calls, sources, done, error, types);
    }
}
