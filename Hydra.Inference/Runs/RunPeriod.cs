namespace Hydra.Inference.Runs;

/// <summary>A run group such as "RG-L Spring 2025": models and statistics are often per period.</summary>
public sealed class RunPeriod
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? Description { get; set; }

    public List<Run> Runs { get; } = [];
}
