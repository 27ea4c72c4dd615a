namespace Hydra.Assistant.Conversations;

/// <summary>A person's chat with the assistant, kept so a shift can pick up where the last one left off.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public List<ConversationMessage> Messages { get; } = [];
}

public sealed class ConversationMessage
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }

    /// <summary>"user", "assistant" or "tool", as in the chat protocol.</summary>
    public required string Role { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
