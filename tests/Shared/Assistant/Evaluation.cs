using System.Text.Json;
using Hydra.Assistant.Chat;
using Hydra.Core.Assistant;

namespace Hydra.Testing.Assistant;

/// <summary>
/// One evaluation question: what is asked (and from which page), and the facts a good answer must
/// contain, every one of them (DOMAIN.md: pass only if every required fact is present). A fact is a
/// list of acceptable spellings; <see cref="Cites"/> are citations that must be among the sources.
/// <see cref="Offline"/> marks the questions the offline mode must answer too.
/// </summary>
public sealed record EvaluationQuestion(string Id, string Question, PageContext? Context, IReadOnlyList<IReadOnlyList<string>> Facts,
    IReadOnlyList<string>? Cites = null, IReadOnlyList<string>? MustNotSay = null, bool Offline = false);

public sealed record EvaluationResult(EvaluationQuestion Question, bool Passed, IReadOnlyList<string> Missing, string Answer, double Seconds);

/// <summary>Scores answers against the evaluation set (Evaluation/eval-set.json).</summary>
public static class Evaluation
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<EvaluationQuestion> Load(string path) =>
        JsonSerializer.Deserialize<List<EvaluationQuestion>>(File.ReadAllText(path), Json) ?? [];

    public static EvaluationResult Score(EvaluationQuestion question, ChatAnswer answer, double seconds)
    {
        var missing = new List<string>();
        foreach (var fact in question.Facts)
        {
            if (!fact.Any(spelling => answer.Text.Contains(spelling, StringComparison.OrdinalIgnoreCase))) missing.Add(string.Join(" | ", fact));
        }
        var cited = answer.Sources.Select(s => $"{s.Kind}:{s.Id}").ToHashSet();
        foreach (var cite in question.Cites ?? []) if (!cited.Contains(cite)) missing.Add($"source {cite}");
        foreach (var phrase in question.MustNotSay ?? []) if (answer.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase)) missing.Add($"must not say '{phrase}'");
        if (answer.Error is not null) missing.Add($"error: {answer.Error.Message}");
        return new EvaluationResult(question, missing.Count == 0, missing, answer.Text, seconds);
    }
}
