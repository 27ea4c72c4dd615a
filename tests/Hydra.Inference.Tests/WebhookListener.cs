using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Inference.Tests;

/// <summary>A real HTTP server on loopback that records alarm webhooks; it can answer 500 to the first N calls.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    public ConcurrentQueue<(string Body, string? Signature, int Answered)> Calls { get; } = new();
    public string Url { get; private set; } = "";

    private WebhookListener(int failFirst)
    {
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/alarms", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            Calls.Enqueue((body, request.Headers["X-Hydra-Signature"].FirstOrDefault(), status));
            return Results.StatusCode(status);
        });
    }

    public static async Task<WebhookListener> StartAsync(int failFirst = 0)
    {
        var listener = new WebhookListener(failFirst);
        await listener._app.StartAsync();
        var address = listener._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.Url = $"{address}/alarms";
        return listener;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
