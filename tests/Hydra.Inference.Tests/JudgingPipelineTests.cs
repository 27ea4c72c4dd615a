using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hydra.Core.Monitoring;
using Hydra.Inference.Alarms;

namespace Hydra.Inference.Tests;

/// <summary>
/// Verdicts from a served ONNX model through the judge: thresholds, the beam gate, episode
/// boundaries and alarms, and the alarm's webhook (which fails once and is retried).
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class JudgingPipelineTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "ECAL_adcOccupancy";
    private WebhookListener _webhook = null!;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hydra:Alarms:Webhooks:0"] = _webhook.Url;
        settings["Hydra:Alarms:WebhookSecret"] = "shift-secret";
        settings["Hydra:Alarms:FirstRetryAfter"] = "00:00:00.200";
        settings["Hydra:Judge:AlarmBeamCurrentNanoAmps"] = "2";
    }

    public override async Task InitializeAsync()
    {
        _webhook = await WebhookListener.StartAsync(failFirst: 1);
        await base.InitializeAsync();
        await BrightnessModel.ActivateAsync(Host.Services, Plot);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    /// <summary>
    /// G = black (Good), B = white (Bad), ? = grey (Bad by a hair, below its 0.9 threshold: Unconfirmed).
    /// Episodes read "class:first-last", "+" while open; alarms "kind x images", "+" while active.
    /// </summary>
    [Theory]
    [InlineData("GGBBBG", 50.0, "Good:1-2 Bad:3-5 Good:6-6+", "BadPlot x3")]
    [InlineData("GBBG", 0.5, "Good:1-1 Bad:2-3 Good:4-4+", "")]         // beam off: recorded, never alarmed
    [InlineData("GBB", null, "Good:1-1 Bad:2-3+", "BadPlot x2+")]        // beam unknown counts as beam on
    [InlineData("G?G", 50.0, "Good:1-1 Bad:2-2 Good:3-3+", "")]         // unconfirmed Bad: an episode, no alarm
    public async Task Episodes_and_alarms_follow_the_verdicts(string sequence, double? beam, string expectedEpisodes, string expectedAlarms)
    {
        for (var chunk = 1; chunk <= sequence.Length; chunk++)
        {
            var level = sequence[chunk - 1] switch { 'B' => BrightnessModel.White, 'G' => BrightnessModel.Black, _ => BrightnessModel.Grey };
            var image = await PostImageAsync(TestPngs.Grey(level, salt: chunk, width: 32, height: 32), 6001, Plot, chunk, beam);
            var verdict = await WaitForVerdictAsync(image.ImageId); // one at a time, as mon12 saves them
            Assert.Equal(BrightnessModel.Labels.Length, verdict.Scores.Count);
            Assert.True(verdict.HasCam);
            Assert.Equal(sequence[chunk - 1] != '?', verdict.Confirmed);
        }

        var episodes = (await GetAsync<List<EpisodeView>>("/api/v1/episodes?run=6001")).OrderBy(e => e.FirstChunk)
            .Select(e => $"{e.Classification}:{e.FirstChunk}-{e.LastChunk}{(e.IsOpen ? "+" : "")}");
        Assert.Equal(expectedEpisodes, string.Join(" ", episodes));

        var alarms = (await GetAsync<List<AlarmView>>("/api/v1/alarms?run=6001")).OrderBy(a => a.RaisedAt).ToList();
        Assert.Equal(expectedAlarms, string.Join(" ", alarms.Select(a => $"{a.Kind} x{a.ImageCount}{(a.IsActive ? "+" : "")}")));

        // An alarm names its episode, which can be read on its own.
        foreach (var alarm in alarms.Where(a => a.EpisodeId is not null))
        {
            var episode = await GetAsync<EpisodeView>($"/api/v1/episodes/{alarm.EpisodeId}");
            Assert.Equal((alarm.EpisodeId!.Value, "Bad"), (episode.EpisodeId, episode.Classification));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/episodes/987654321")).StatusCode);
    }

    [Fact]
    public async Task A_confirmed_Bad_reaches_the_webhook_even_after_a_first_answer_of_500()
    {
        var good = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 1, width: 32, height: 32), 6002, Plot, 1, beam: 40);
        await WaitForVerdictAsync(good.ImageId);
        var bad = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: 2, width: 32, height: 32), 6002, Plot, 2, beam: 40);
        var verdict = await WaitForVerdictAsync(bad.ImageId);
        Assert.Equal("Bad", verdict.Classification);
        Assert.NotNull(verdict.AlarmId);

        await WaitUntilAsync(() => Task.FromResult(_webhook.Calls.Any(c => c.Answered == 200)), "a delivered webhook");
        var calls = _webhook.Calls.ToList();
        Assert.Equal(500, calls[0].Answered);
        Assert.Equal(calls[0].Body, calls[1].Body);
        var notice = Deserialize<AlarmNotifier.AlarmNotice>(calls[1].Body);
        Assert.Equal(("raised", AlarmKind.BadPlot, Plot, 6002), (notice.Event, notice.Alarm.Kind, notice.Alarm.PlotName, notice.Alarm.RunNumber));
        Assert.Equal(verdict.VerdictId, notice.Alarm.FirstVerdictId);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("shift-secret"), Encoding.UTF8.GetBytes(calls[1].Body)));
        Assert.Equal($"sha256={expected}", calls[1].Signature);
        // The delivery is recorded in the same transaction that sent it, a moment after the POST.
        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM alarm_notifications WHERE delivered_at IS NOT NULL AND attempts = 2") == 1, "the delivery record");

        var overlay = await Api.GetByteArrayAsync($"/api/v1/images/{bad.ImageId}/cam.png");
        using var decoded = SkiaSharp.SKBitmap.Decode(overlay);
        Assert.Equal((32, 32), (decoded.Width, decoded.Height));
        Assert.True(decoded.GetPixel(16, 16).Alpha > 0, "the overlay is not empty where the plot is bright");
    }
}
