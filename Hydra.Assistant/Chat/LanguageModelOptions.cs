using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Hydra.Assistant.Chat;

/// <summary>
/// <c>Hydra:Assistant:Llm</c>: any OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI's v1 API,
/// Ollama, vLLM). No endpoint or no model: the assistant runs in offline mode. The key is optional
/// (a local Ollama needs none); in the AppHost it is a secret parameter.
/// </summary>
public sealed class LanguageModelOptions
{
    public const string Section = "Hydra:Assistant:Llm";

    public string? Endpoint { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }

    /// <summary>Tool-call rounds per question before the model must answer with what it has.</summary>
    public int MaxToolRounds { get; set; } = 8;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    /// <summary>The model's chat client, or null for offline mode.</summary>
    public IChatClient? CreateClient()
    {
        if (!IsConfigured) return null;
        var client = new OpenAI.Chat.ChatClient(Model, new ApiKeyCredential(string.IsNullOrWhiteSpace(ApiKey) ? "no-key" : ApiKey),
            new OpenAIClientOptions { Endpoint = new Uri(Endpoint!) });
        return client.AsIChatClient();
    }
}
