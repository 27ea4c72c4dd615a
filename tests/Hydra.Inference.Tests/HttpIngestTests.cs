using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Classifications;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;
using StackExchange.Redis;

namespace Hydra.Inference.Tests;

[Collection(PipelineCollection.Name)]
public sealed class HttpIngestTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Hydra:Ingest:MaxImageBytes"] = "200000";

    [Fact]
    public async Task A_late_image_of_an_earlier_run_does_not_turn_the_current_run_back()
    {
        await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(60, salt: 1), run: 5101, "ECAL_adcOccupancy", chunk: 1)).ImageId);
        await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(60, salt: 2), run: 5102, "ECAL_adcOccupancy", chunk: 1)).ImageId);
        // The previous run's last chunk (or another source's older run) is judged after the new run began.
        await WaitForVerdictAsync((await PostImageAsync(TestPngs.Grey(60, salt: 3), run: 5101, "ECAL_adcOccupancy", chunk: 2)).ImageId);

        Assert.Equal(5102, (await GetAsync<RunState>("/api/v1/runs/current")).Run.RunNumber);
        Assert.Equal(2, (await GetAsync<RunState>("/api/v1/runs/5101")).Plots.Single().Latest.Chunk);
    }

    [Fact]
    public async Task An_uploaded_image_gets_a_NoModel_verdict_an_event_and_a_place_in_the_run_state()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Servers.RedisConnectionString);
        var events = new List<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(HydraStreams.EventsChannel), (_, message) => { lock (events) events.Add(message!); });

        var accepted = await PostImageAsync(TestPngs.Grey(200, salt: 1), run: 5038, "ECAL_adcOccupancy", chunk: 7, beam: 50);
        Assert.False(accepted.Duplicate);
        Assert.True(accepted.Queued);

        var verdict = await WaitForVerdictAsync(accepted.ImageId);
        Assert.Equal(VerdictOutcomes.NoModel, verdict.Classification);
        Assert.False(verdict.Confirmed);
        Assert.Equal(("ECAL_adcOccupancy", "ECAL", 5038, 7), (verdict.PlotName, verdict.Detector, verdict.RunNumber, verdict.Chunk));
        Assert.Equal(50, verdict.BeamCurrentNanoAmps);

        await WaitUntilAsync(() => Task.FromResult(events.ToList().Any(e => e.Contains("\"type\":\"verdict\"") && e.Contains($"\"imageId\":{accepted.ImageId}"))), "the verdict event");
        Assert.Contains(events.ToList(), e => e.Contains("\"type\":\"run\"") && e.Contains("\"runNumber\":5038"));

        var state = await GetAsync<RunState>("/api/v1/runs/current");
        Assert.Equal(5038, state.Run.RunNumber);
        var card = Assert.Single(state.Plots);
        Assert.Equal(accepted.ImageId, card.Latest.ImageId);

        var png = await Api.GetByteArrayAsync($"/api/v1/images/{accepted.ImageId}/png");
        Assert.Equal(TestPngs.Grey(200, salt: 1), png);
        var thumbnail = await Api.GetAsync($"/api/v1/images/{accepted.ImageId}/thumbnail?width=32");
        Assert.Equal("image/png", thumbnail.Content.Headers.ContentType?.MediaType);
        using var decoded = SkiaSharp.SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((32, 24), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task The_same_image_twice_is_one_image()
    {
        var png = TestPngs.Grey(90, salt: 2);
        var first = await PostImageAsync(png, 5040, "DC_occupancyNorm_s3", 1);
        var response = await Api.PostAsync("/api/v1/images", Upload(png, 5040, "DC_occupancyNorm_s3", 1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = (await response.Content.ReadFromJsonAsync<ImageAccepted>(HydraJson.Options))!;

        Assert.True(second.Duplicate);
        Assert.Equal(first.ImageId, second.ImageId);
        await WaitForVerdictAsync(first.ImageId);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM images"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM verdicts"));
        // No model judged it, so there is no heat map to overlay (asked twice: a miss is not cached).
        for (var i = 0; i < 2; i++)
        {
            var cam = await Api.GetAsync($"/api/v1/images/{first.ImageId}/cam.png");
            Assert.Equal(HttpStatusCode.NotFound, cam.StatusCode);
            Assert.Contains("No explanation", await cam.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_file_name_can_carry_the_plot_and_chunk()
    {
        var form = Upload(TestPngs.Grey(30, salt: 3), 5041, plot: null, chunk: null, fileName: "FTOF_adc_s2_0012.png");
        var response = await Api.PostAsync("/api/v1/images", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<ImageAccepted>(HydraJson.Options))!;
        Assert.Equal(("FTOF_adc_s2", 12), (accepted.PlotName, accepted.Chunk));
        Assert.Equal($"/api/v1/images/{accepted.ImageId}", response.Headers.Location?.ToString());
    }

    public static TheoryData<string, HttpStatusCode> BadUploads => new()
    {
        { "plot name climbing out of its folder", HttpStatusCode.BadRequest },
        { "plot name with a slash", HttpStatusCode.BadRequest },
        { "missing run", HttpStatusCode.BadRequest },
        { "negative chunk", HttpStatusCode.BadRequest },
        { "no file", HttpStatusCode.BadRequest },
        { "not a PNG", HttpStatusCode.UnsupportedMediaType },
        { "empty file", HttpStatusCode.UnsupportedMediaType },
        { "truncated PNG", HttpStatusCode.UnprocessableEntity },
        { "PNG declaring 100000 x 100000 pixels", HttpStatusCode.UnprocessableEntity },
        { "PNG declaring 0 x 10 pixels", HttpStatusCode.UnprocessableEntity },
        { "over the size limit", HttpStatusCode.RequestEntityTooLarge },
        { "not a form", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_input_gets_its_documented_answer_and_stores_nothing(string input, HttpStatusCode expected)
    {
        var good = TestPngs.Grey(120, salt: 4);
        HttpContent content = input switch
        {
            "plot name climbing out of its folder" => Upload(good, 5042, "../../etc/passwd", 1),
            "plot name with a slash" => Upload(good, 5042, "ECAL/adc", 1),
            "missing run" => WithoutRun(good),
            "negative chunk" => Upload(good, 5042, "ECAL_adc", -3),
            "no file" => new MultipartFormDataContent { { new StringContent("5042"), "run" }, { new StringContent("ECAL_adc"), "plot" }, { new StringContent("1"), "chunk" } },
            "not a PNG" => Upload("GIF89a not a png at all"u8.ToArray(), 5042, "ECAL_adc", 1),
            "empty file" => Upload([], 5042, "ECAL_adc", 1),
            "truncated PNG" => Upload(good[..(good.Length / 2)], 5042, "ECAL_adc", 1),
            "PNG declaring 100000 x 100000 pixels" => Upload(TestPngs.DeclaringSize(100_000, 100_000), 5042, "ECAL_adc", 1),
            "PNG declaring 0 x 10 pixels" => Upload(TestPngs.DeclaringSize(0, 10), 5042, "ECAL_adc", 1),
            "over the size limit" => Upload(new byte[300_000], 5042, "ECAL_adc", 1),
            "not a form" => JsonContent.Create(new { run = 5042, plot = "ECAL_adc", chunk = 1 }),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };

        var response = await Api.PostAsync("/api/v1/images", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.False(string.IsNullOrWhiteSpace(problem?.Detail ?? problem?.Title), "the answer says what is wrong");
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM image_contents"));
    }

    private static MultipartFormDataContent WithoutRun(byte[] png) => new()
    {
        { new StringContent("ECAL_adc"), "plot" }, { new StringContent("1"), "chunk" }, { new ByteArrayContent(png), "file", "x.png" },
    };

    private sealed record ProblemBody(string? Title, string? Detail, int? Status);
}
