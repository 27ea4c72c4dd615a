namespace Hydra.AppHost.Infrastructure;

internal static class LanguageModel
{
    public const string Section = "Hydra:Assistant:Llm";
    public const string ApiKeyParameter = "llm-api-key";

    /// <summary>
    /// Gives the assistant its language model when the AppHost's configuration names one
    /// (<c>Hydra:Assistant:Llm:Endpoint</c> and <c>:Model</c>, any OpenAI-compatible endpoint). The key
    /// is an Aspire secret parameter (<c>Parameters:llm-api-key</c>, e.g. in user secrets), added
    /// only when it has a value: a local Ollama needs none, and without any model the assistant
    /// answers in offline mode rather than the AppHost refusing to start.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLanguageModel(this IResourceBuilder<ProjectResource> assistant)
    {
        var configuration = assistant.ApplicationBuilder.Configuration;
        var endpoint = configuration[$"{Section}:Endpoint"];
        var model = configuration[$"{Section}:Model"];
        if (string.IsNullOrWhiteSpace(endpoint) || string.IsNullOrWhiteSpace(model)) return assistant;

        assistant.WithEnvironment("Hydra__Assistant__Llm__Endpoint", endpoint)
            .WithEnvironment("Hydra__Assistant__Llm__Model", model);
        if (!string.IsNullOrWhiteSpace(configuration[$"Parameters:{ApiKeyParameter}"]))
        {
            var key = assistant.ApplicationBuilder.AddParameter(ApiKeyParameter, secret: true);
            assistant.WithEnvironment("Hydra__Assistant__Llm__ApiKey", key);
        }
        return assistant;
    }
}
