using Hydra.Assistant.Conversations;
using Hydra.Assistant.Logbook;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Assistant.Data;

/// <summary>The <c>assistant</c> database: the logbook the assistant searches and the conversations it had.</summary>
public sealed class AssistantDb(DbContextOptions<AssistantDb> options) : DbContext(options)
{
    public DbSet<LogbookEntry> LogbookEntries => Set<LogbookEntry>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<LogbookEntry>(entry =>
        {
            entry.Property(e => e.Title).HasMaxLength(500);
            entry.Property(e => e.Author).HasMaxLength(200);
            entry.HasIndex(e => e.CreatedAt);
            entry.HasIndex(e => e.LogNumber).IsUnique();
            // GIN on the run-number array: "what did the logbook say about run 16042" is a lookup.
            entry.HasIndex(e => e.RunNumbers).HasMethod("gin");
            entry.Property(e => e.ContentHash).HasMaxLength(64);
            entry.HasIndex(e => e.ContentHash).IsUnique();
            entry.Property(e => e.Embedding).HasColumnType("real[]");
            // Keyword half of the hybrid search: PostgreSQL's English stemming, title above body.
            entry.Property(e => e.SearchVector).HasComputedColumnSql(
                "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')",
                stored: true);
            entry.HasIndex(e => e.SearchVector).HasMethod("gin");
        });

        model.Entity<Conversation>(conversation =>
        {
            conversation.Property(c => c.UserName).HasMaxLength(200);
            conversation.Property(c => c.Title).HasMaxLength(300);
            conversation.HasIndex(c => new { c.UserName, c.StartedAt });
            conversation.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ConversationMessage>(message => message.Property(m => m.Role).HasMaxLength(20));
    }
}
