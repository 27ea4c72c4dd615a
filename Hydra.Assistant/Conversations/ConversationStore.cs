using Hydra.Assistant.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Assistant.Conversations;

public sealed record ConversationSummary(Guid Id, string Title, DateTimeOffset StartedAt, int Messages);

public sealed record MessageView(string Role, string Content, DateTimeOffset CreatedAt);

/// <summary>Each person's conversations: only the person who started one can continue or read it.</summary>
public sealed class ConversationStore(AssistantDb db, TimeProvider clock)
{
    /// <summary>The earlier turns a model is shown: enough for "and before that?", not a whole shift.</summary>
    public const int HistoryTurns = 10;

    public async Task<Conversation?> OpenAsync(string user, Guid? id, string firstMessage, CancellationToken ct)
    {
        if (id is { } existing) return await db.Conversations.FirstOrDefaultAsync(c => c.Id == existing && c.UserName == user, ct);
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(),
            UserName = user,
            Title = firstMessage.Length > 120 ? firstMessage[..120] + "…" : firstMessage,
            StartedAt = clock.GetUtcNow(),
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    public async Task<List<MessageView>> HistoryAsync(Guid conversationId, CancellationToken ct) =>
        (await db.ConversationMessages.Where(m => m.ConversationId == conversationId && (m.Role == "user" || m.Role == "assistant"))
            .OrderByDescending(m => m.Id).Take(HistoryTurns * 2)
            .Select(m => new MessageView(m.Role, m.Content, m.CreatedAt)).ToListAsync(ct))
        .AsEnumerable().Reverse().ToList();

    public async Task AppendAsync(Guid conversationId, string role, string content, CancellationToken ct)
    {
        db.ConversationMessages.Add(new ConversationMessage { ConversationId = conversationId, Role = role, Content = content, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    public Task<List<ConversationSummary>> ListAsync(string user, CancellationToken ct) =>
        db.Conversations.Where(c => c.UserName == user).OrderByDescending(c => c.StartedAt).Take(50)
            .Select(c => new ConversationSummary(c.Id, c.Title, c.StartedAt, c.Messages.Count)).ToListAsync(ct);

    public async Task<List<MessageView>?> MessagesAsync(string user, Guid id, CancellationToken ct) =>
        await db.Conversations.AnyAsync(c => c.Id == id && c.UserName == user, ct)
            ? await db.ConversationMessages.Where(m => m.ConversationId == id).OrderBy(m => m.Id)
                .Select(m => new MessageView(m.Role, m.Content, m.CreatedAt)).ToListAsync(ct)
            : null;
}
