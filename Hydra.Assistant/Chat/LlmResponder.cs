using System.Runtime.CompilerServices;
using Hydra.Assistant.Tools;
using Hydra.Core.Assistant;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Hydra.Assistant.Chat;

/// <summary>
/// Answers with the configured language model: Semantic Kernel's function-invoking chat client runs
/// the model, calls the <see cref="HydraPlugin"/> functions it asks for and feeds their results back
/// until it writes the answer, which streams out as text events.
/// </summary>
public sealed class LlmResponder(IChatClient model, LanguageModelOptions options, ILoggerFactory loggerFactory)
{
    // Built once: the pipeline holds no per-conversation state; the kernel (and its tools) is per turn.
    private readonly IChatClient _client = Build(model, options, loggerFactory);

    private static IChatClient Build(IChatClient model, LanguageModelOptions options, ILoggerFactory loggerFactory)
    {
        var client = model.AsBuilder().UseKernelFunctionInvocation(loggerFactory).Build();
        // A bound on the tool-call rounds, so a model that keeps calling tools still ends with an answer.
        if (client.GetService<FunctionInvokingChatClient>() is { } invoking) invoking.MaximumIterationsPerRequest = options.MaxToolRounds;
        return client;
    }

    public async IAsyncEnumerable<ChatEvent> AnswerAsync(IReadOnlyList<ChatMessage> history, string message, PageContext? context, HydraTools tools,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var kernel = new Kernel();
        var plugin = kernel.Plugins.AddFromObject(new HydraPlugin(tools), HydraPlugin.Name);
        var chatOptions = new ChatOptions
        {
            Tools = [.. plugin.AsAIFunctions(kernel)],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
        };

        List<ChatMessage> messages = [new(ChatRole.System, SystemPrompt.Text), .. history, new(ChatRole.User, WithContext(message, context))];
        await foreach (var update in _client.GetStreamingResponseAsync(messages, chatOptions, ct))
        {
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case Microsoft.Extensions.AI.TextContent { Text.Length: > 0 } text when update.Role != ChatRole.Tool:
                        yield return new TextEvent(text.Text);
                        break;
                    case Microsoft.Extensions.AI.FunctionCallContent call:
                        yield return new ToolCallEvent(ToolName(call.Name), call.Arguments?.ToDictionary(a => a.Key, a => a.Value) ?? []);
                        break;
                }
            }
        }
    }

    /// <summary>The page the question was asked from, said plainly so "this plot" has a meaning.</summary>
    public static string WithContext(string message, PageContext? context)
    {
        if (context is null) return message;
        var parts = new List<string>();
        if (context.Run is { } run) parts.Add($"run {run}");
        if (context.Plot is { } plot) parts.Add($"plot {plot}");
        if (context.ImageId is { } image) parts.Add($"image {image}");
        if (context.AlarmId is { } alarm) parts.Add($"alarm {alarm}");
        return parts.Count == 0 ? message : $"{message}\n\n(Asked from the page of {string.Join(", ", parts)}.)";
    }

    /// <summary>SK names a plugin's functions "plugin_function" for the model; the events use the function's own name.</summary>
    private static string ToolName(string name) => name.StartsWith(HydraPlugin.Name + "_", StringComparison.Ordinal) ? name[(HydraPlugin.Name.Length + 1)..] : name;
}
