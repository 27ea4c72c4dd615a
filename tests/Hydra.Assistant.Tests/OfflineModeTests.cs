using System.Diagnostics;
using Hydra.Assistant.Chat;
using Hydra.Core.Assistant;
using Hydra.Testing.Assistant;
using Xunit.Abstractions;

namespace Hydra.Assistant.Tests;

/// <summary>
/// With no language model configured the assistant still answers the shift crew's common questions
/// from the same tools, says it is offline, and gets the facts right (the evaluation set's offline
/// questions, against the emulated runs and the imported logbooks in real PostgreSQL).
/// </summary>
public sealed class OfflineModeTests(AssistantFixture fixture, ITestOutputHelper output) : AssistantTestBase(fixture)
{
    public static string EvaluationSet => Path.Combine(AppContext.BaseDirectory, "Evaluation", "eval-set.json");

    protected override bool ReadsOnly => true;

    [Fact]
    public async Task Offline_mode_answers_the_fixed_question_set_with_every_required_fact_and_source()
    {
        var questions = Evaluation.Load(EvaluationSet).Where(q => q.Offline).ToList();
        Assert.True(questions.Count >= 20, $"only {questions.Count} offline questions");

        var failures = new List<string>();
        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            var answer = await ChatAnswer.AskAsync(Api, new ChatRequest(question.Question, "offline-test", null, question.Context));
            var result = Evaluation.Score(question, answer, clock.Elapsed.TotalSeconds);
            Assert.StartsWith(OfflineResponder.OfflineNotice, answer.Text);
            Assert.Equal(ChatService.OfflineMode, answer.Done?.Mode);
            Assert.Equal(0, answer.Done!.RemovedCitations);
            if (!result.Passed) failures.Add($"{question.Id}: missing {string.Join(", ", result.Missing)}\n{answer.Text}");
        }
        foreach (var failure in failures) output.WriteLine(failure);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task An_offline_answer_reports_the_tools_it_used_and_links_its_sources()
    {
        var answer = await ChatAnswer.AskAsync(Api, new ChatRequest("Why is ECAL bad?", "offline-test"));

        Assert.Contains(answer.ToolCalls, c => c.Name == "verdict_history" && c.Arguments["plot"]?.ToString() == EmulatedMonitoring.Ecal);
        Assert.Contains(answer.ToolCalls, c => c.Name == "search_logbook");
        var alarm = Assert.Single(answer.Sources, s => s.Kind == "alarm");
        Assert.Equal((EmulatedMonitoring.EcalAlarm, "/log?alarm=102"), (alarm.Id, alarm.Url));
        var image = Assert.Single(answer.Sources, s => s.Kind == "image");
        Assert.Equal($"/images/{image.Id}/png", image.Url);
        Assert.Contains(answer.Sources, s => s is { Kind: "logbook", Id: 4, Url: "/assistant/logbook/4" });
        // Every citation in the text is one of the sources, and the other way round.
        foreach (var source in answer.Sources) Assert.Contains($"[{source.Kind}:{source.Id}]", answer.Text);
    }
}
