using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hydra.Deploy.Tests;

/// <summary>
/// The HTTP clients every service gets from AddServiceDefaults, against a real server that is
/// down (503): reads are retried, writes are not, so a lost answer never repeats a label, a
/// training job or a reference change, and the person who pressed the button hears at once.
/// </summary>
public sealed class ServiceCallRetryTests
{
    [Fact]
    public async Task Reads_are_retried_and_writes_are_sent_once()
    {
        var calls = new Dictionary<string, int>();
        var server = WebApplication.CreateBuilder();
        server.WebHost.UseUrls("http://127.0.0.1:0");
        await using var down = server.Build();
        down.Run(context =>
        {
            lock (calls) calls[context.Request.Method] = calls.GetValueOrDefault(context.Request.Method) + 1;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await down.StartAsync();

        var caller = Host.CreateApplicationBuilder();
        caller.AddServiceDefaults();
        using var app = caller.Build();
        var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        http.BaseAddress = new Uri(down.Urls.First());

        foreach (var write in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var answer = await http.SendAsync(new HttpRequestMessage(write, "/api/v1/plot-types/ECAL_adcOccupancy/reference"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        }
        // A read is retried after a back-off of about two seconds; stop waiting once it has been.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var read = http.GetAsync("/api/v1/runs/current", patience.Token);
        while (calls.GetValueOrDefault("GET") < 2 && !patience.IsCancellationRequested) await Task.Delay(50);
        await patience.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);

        Assert.True(calls.GetValueOrDefault("GET") >= 2, $"a read was sent {calls.GetValueOrDefault("GET")} time(s)");
        Assert.Equal(1, calls["POST"]);
        Assert.Equal(1, calls["PUT"]);
        Assert.Equal(1, calls["DELETE"]);
        Assert.Equal(1, calls["PATCH"]);
        await down.StopAsync();
    }
}
