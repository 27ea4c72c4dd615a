using System.Text.Json.Serialization;

namespace Hydra.Assistant.Tools;

/// <summary>
/// What every tool returns: its data, or an error as data (a sentence the model can repeat),
/// never an exception. <see cref="Cite"/> lists how to cite what it found.
/// </summary>
public sealed record ToolResult<T>(
    [property: JsonPropertyOrder(0)] bool Ok,
    [property: JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonPropertyOrder(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] T? Data,
    [property: JsonPropertyOrder(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Cite = null)
{
    public static ToolResult<T> Success(T data, IEnumerable<Source>? sources = null) =>
        new(true, null, data, sources?.Select(s => s.Citation).Distinct().ToList() is { Count: > 0 } cite ? cite : null);

    public static ToolResult<T> Failure(string error) => new(false, error, default);
}
