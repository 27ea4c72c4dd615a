using System.Net;
using System.Text;
using Hydra.Iolaus.Cli;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Simulation;
using Hydra.Iolaus.Streaming;

namespace Hydra.Iolaus.Tests;

/// <summary><c>stream --post</c>: what a remote source sends, and that it outlasts a Hydra that answers 503.</summary>
public sealed class HttpStreamingTests
{
    [Fact]
    public async Task Each_image_is_posted_with_run_plot_chunk_and_beam_and_the_conditions_follow_the_first()
    {
        using var hydra = new FakeIngest(unavailableFirst: 2);
        using var http = new HttpClient { BaseAddress = hydra.Address };
        var plots = new[] { PlotCatalog.Get("ECAL_adcOccupancy"), PlotCatalog.Get("RF_time") };
        var schedule = FaultSchedule.Parse("2 nodata");

        var written = await new RunStreamer(new HttpSink(http, TextWriter.Null), RunConditions.Default(7001), 1, schedule, plots)
            .StreamAsync(chunks: 2, TimeSpan.Zero, TextWriter.Null, CancellationToken.None);

        Assert.Equal(4, written);
        var posts = hydra.Requests.Where(r => r.Method == "POST" && r.Status == 201).ToList();
        Assert.Equal(4, posts.Count);
        Assert.All(posts, p => Assert.Equal("/api/v1/images", p.Path));
        Assert.Contains("name=run\r\n\r\n7001", posts[0].Body);
        Assert.Contains("name=plot\r\n\r\nECAL_adcOccupancy", posts[0].Body);
        Assert.Contains("name=chunk\r\n\r\n1", posts[0].Body);
        Assert.Contains("name=beam\r\n\r\n50", posts[0].Body);
        Assert.Contains("name=beam\r\n\r\n0", posts[3].Body); // chunk 2: beam off
        Assert.Contains("\u0089PNG", posts[0].Body);
        Assert.Equal(2, hydra.Requests.Count(r => r.Status == 503)); // retried, not skipped

        var layouts = hydra.Requests.Where(r => r.Method == "PUT" && r.Path.EndsWith("/layout")).ToList();
        Assert.Equal(["/api/v1/plot-types/ECAL_adcOccupancy/layout", "/api/v1/plot-types/RF_time/layout"], layouts.Select(l => l.Path));
        Assert.Contains("\"pads\"", layouts[0].Body);

        var conditions = Assert.Single(hydra.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/conditions"));
        Assert.Equal("/api/v1/runs/7001/conditions", conditions.Path);
        Assert.Contains("\"target\":\"LH2\"", conditions.Body);
    }

    [Theory]
    [InlineData(new[] { "--run", "5" }, "either --inbox FOLDER or --post URL")]
    [InlineData(new[] { "--inbox", "x", "--post", "http://h" }, "either --inbox FOLDER or --post URL")]
    [InlineData(new[] { "--post", "ftp://h" }, "--post needs an http(s) URL")]
    [InlineData(new[] { "--inbox", "x", "--run", "next" }, "--run next needs --post")]
    public async Task Bad_stream_arguments_are_refused_with_a_clear_message(string[] args, string message)
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => StreamCommand.RunAsync(new Arguments(args, new HashSet<string>()), TextWriter.Null, CancellationToken.None));
        Assert.Contains(message, error.Message);
    }

    /// <summary>A loopback HTTP server that records requests and answers 503 to the first N posts.</summary>
    private sealed class FakeIngest : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _unavailable;

        public List<(string Method, string Path, string Body, int Status)> Requests { get; } = [];
        public Uri Address { get; }

        public FakeIngest(int unavailableFirst)
        {
            _unavailable = unavailableFirst;
            Address = new Uri($"http://127.0.0.1:{Hydra.Testing.ServiceProcess.FreePort()}/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.Latin1);
                var body = await reader.ReadToEndAsync();
                var status = context.Request.HttpMethod == "POST" ? (_unavailable-- > 0 ? 503 : 201) : 204;
                lock (Requests) Requests.Add((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body, status));
                context.Response.StatusCode = status;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
