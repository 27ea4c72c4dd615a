namespace Hydra.Inference.News;

/// <summary>A banner for the Run page: known problems, run plan changes, who is on call.</summary>
public sealed class NewsItem
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    public required string PostedBy { get; set; }
    public DateTimeOffset PostedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
