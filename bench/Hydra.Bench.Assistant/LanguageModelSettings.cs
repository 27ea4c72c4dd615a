using Hydra.Assistant.Chat;
using Microsoft.Extensions.AI;

namespace Hydra.Bench.Assistant;

/// <summary>The model to evaluate, from HYDRA_EVAL_LLM_ENDPOINT, HYDRA_EVAL_LLM_MODEL and (optional) HYDRA_EVAL_LLM_KEY.</summary>
public sealed record LanguageModelSettings(string Endpoint, string Model, string? Key)
{
    public static LanguageModelSettings? FromEnvironment() =>
        Environment.GetEnvironmentVariable("HYDRA_EVAL_LLM_ENDPOINT") is { Length: > 0 } endpoint && Environment.GetEnvironmentVariable("HYDRA_EVAL_LLM_MODEL") is { Length: > 0 } model
            ? new(endpoint, model, Environment.GetEnvironmentVariable("HYDRA_EVAL_LLM_KEY"))
            : null;

    public IChatClient CreateClient() => new LanguageModelOptions { Endpoint = Endpoint, Model = Model, ApiKey = Key }.CreateClient()!;
}
