using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Hydra.Core;
using Hydra.Core.Assistant;
using Hydra.Web.Monitoring;

namespace Hydra.Web.Assistant;

/// <summary>
/// Web's view of the assistant's API (service discovery: <c>http://assistant</c>): ask a question
/// and read the answer's events as they stream, read a logbook entry. A failure becomes an
/// <see cref="ErrorEvent"/>, never an exception on the page.
/// </summary>
public sealed class AssistantApi(HttpClient http, ILogger<AssistantApi> logger)
{
    public static readonly Uri BaseAddress = new($"http://{HydraResources.Assistant}");
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async IAsyncEnumerable<ChatEvent> AskAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        string? failure = null;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat") { Content = JsonContent.Create(request, options: Json) };
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode) failure = await ApiProblem.ReadAsync(response, "The assistant", cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The assistant could not be asked: {Reason}", exception.Message);
            failure = $"The assistant cannot be reached: {exception.GetBaseException().Message}";
        }
        if (failure is not null || response is null)
        {
            response?.Dispose();
            yield return new ErrorEvent(failure ?? "The assistant did not answer.");
            yield break;
        }

        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<ChatEvent>(data, Json));
            await foreach (var item in parser.EnumerateAsync(cancellationToken))
            {
                if (item.Data is { } chatEvent) yield return chatEvent;
            }
        }
    }

    public async Task<LogbookEntryView?> LogbookEntryAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"/api/v1/logbook/{id}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<LogbookEntryView>(Json, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Logbook entry {Id} not read from the assistant: {Reason}", id, exception.Message);
            return null;
        }
    }
}

public static class AssistantApiExtensions
{
    /// <summary>
    /// The typed client for <c>http://assistant</c>. An answer streams for as long as the model
    /// writes, and a question must not be asked twice, so this client has no retries and a long
    /// timeout instead of the standard resilience handler. Also the per-circuit
    /// <see cref="AssistantPageContext"/> the chat panel in the layout reads.
    /// </summary>
    public static IServiceCollection AddAssistantApi(this IServiceCollection services)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: experimental, the documented opt-out
        services.AddHttpClient<AssistantApi>(client =>
            {
                client.BaseAddress = AssistantApi.BaseAddress;
                client.Timeout = TimeSpan.FromMinutes(3);
            })
            .AddHttpMessageHandler<Accounts.ServiceCallerHandler>()
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddScoped<AssistantPageContext>();
        return services;
    }
}
