using System.Diagnostics;
using Hydra.Assistant.Chat;
using Hydra.Core.Assistant;
using Hydra.Testing.Assistant;
using Xunit.Abstractions;

namespace Hydra.Assistant.Tests;

/// <summary>
/// The evaluation set: questions with the facts a good answer must hold. Scored against a real
/// language model when one is configured (HYDRA_EVAL_LLM_ENDPOINT, HYDRA_EVAL_LLM_MODEL, optional
/// HYDRA_EVAL_LLM_KEY); otherwise reported as skipped, never as passed.
/// </summary>
public sealed class EvaluationTests(AssistantFixture fixture, ITestOutputHelper output) : AssistantTestBase(fixture)
{
    // The shared assistant until a real model is configured; then the test starts its own.
    protected override bool ReadsOnly => true;

    [Fact]
    public void The_evaluation_set_has_at_least_30_questions_each_with_required_facts()
    {
        var questions = Evaluation.Load(OfflineModeTests.EvaluationSet);
        Assert.True(questions.Count >= 30, $"{questions.Count} questions");
        Assert.Equal(questions.Count, questions.Select(q => q.Id).Distinct().Count());
        Assert.All(questions, q => Assert.NotEmpty(q.Facts));
        Assert.All(questions, q => Assert.All(q.Facts, f => Assert.NotEmpty(f)));
    }

    [SkippableFact]
    public async Task A_configured_language_model_answers_the_evaluation_set()
    {
        var endpoint = Environment.GetEnvironmentVariable("HYDRA_EVAL_LLM_ENDPOINT");
        var modelName = Environment.GetEnvironmentVariable("HYDRA_EVAL_LLM_MODEL");
        Skip.If(string.IsNullOrWhiteSpace(endpoint) || string.IsNullOrWhiteSpace(modelName),
            "skipped: no endpoint configured (set HYDRA_EVAL_LLM_ENDPOINT and HYDRA_EVAL_LLM_MODEL to score a real model)");

        var options = new LanguageModelOptions { Endpoint = endpoint, Model = modelName, ApiKey = Environment.GetEnvironmentVariable("HYDRA_EVAL_LLM_KEY") };
        await StartAssistantAsync(options.CreateClient());
        await ImportEmulatedLogbooksAsync();

        var results = new List<EvaluationResult>();
        foreach (var question in Evaluation.Load(OfflineModeTests.EvaluationSet))
        {
            var clock = Stopwatch.StartNew();
            var answer = await ChatAnswer.AskAsync(Api, new ChatRequest(question.Question, "evaluation", null, question.Context));
            var result = Evaluation.Score(question, answer, clock.Elapsed.TotalSeconds);
            results.Add(result);
            output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {question.Id} ({result.Seconds:0.0} s){(result.Passed ? "" : ": missing " + string.Join(", ", result.Missing))}");
        }
        var passed = results.Count(r => r.Passed);
        output.WriteLine($"{modelName}: {passed}/{results.Count} questions with every required fact");
        // A model that does worse than the offline templates is not worth attaching.
        Assert.True(passed >= results.Count * 0.7, $"{passed}/{results.Count} passed");
    }
}
