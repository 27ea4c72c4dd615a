using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Core.Plots;
using Hydra.Inference.Tell;
using SkiaSharp;

namespace Hydra.Inference.Tests;

/// <summary>A verdict's hot region, named through the layout its source sent, comes back with the verdict.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ExplanationPipelineTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "ECAL_stripOccupancy";

    /// <summary>One pad filling a 64 x 64 image: x = strips 1..36 of ECAL sector 2, y = layers 1..9 (bottom up).</summary>
    private static readonly PlotLayout Layout = new(Plot, 64, 64,
    [
        new PadLayout(1, "ECAL sector 2", "h2", new PixelRect(0, 0, 64, 64), new PixelRect(0, 0, 64, 64),
            new AxisLayout("strip", 36, 0, 36), new AxisLayout("layer", 9, 0, 9), false,
            new ChannelMap("ECAL", Coordinate.Fixed(2), Coordinate.FromY(), Coordinate.FromX(), Coordinate.Fixed(0))),
    ]);

    [Fact]
    public async Task A_Bad_verdict_names_the_sector_layers_strips_and_crates_under_its_hot_spot()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Api.PutAsJsonAsync($"/api/v1/plot-types/{Plot}/layout", Layout)).StatusCode);
        var model = await Api.PostAsync($"/api/v1/plot-types/{Plot}/models", new MultipartFormDataContent
        {
            { new StringContent("spot"), "name" }, { new ByteArrayContent(SpotModel.Onnx()), "file", "spot.onnx" },
        });
        var modelId = (await model.Content.ReadFromJsonAsync<ModelView>(HydraJson.Options))!.ModelId;
        Assert.True((await Api.PostAsync($"/api/v1/models/{modelId}/activate", null)).IsSuccessStatusCode);

        // A bright top-left quarter: the upper layers (y is drawn bottom up) and the first half of the strips.
        var image = await PostImageAsync(QuarterBright(), 6700, Plot, 1);
        var verdict = await WaitForVerdictAsync(image.ImageId);

        Assert.Equal("Bad", verdict.Classification);
        var region = Assert.Single(verdict.Regions!);
        Assert.Equal(("ECAL", 1.0), (region.Detector, region.Weight));
        Assert.Equal([2], region.Sectors);
        Assert.Equal([5, 6, 7, 8, 9], region.Layers);
        Assert.Equal((1, 18), (region.FirstComponent, region.LastComponent));
        Assert.NotEmpty(region.Electronics);
        Assert.StartsWith("ECAL, sector 2, layer 5-9, components 1-18: crate", region.Summary);
        Assert.Equal(new PixelRect(0, 0, 32, 32), region.Pixels);

        var stored = await GetAsync<PlotLayout>($"/api/v1/plot-types/{Plot}/layout");
        Assert.Equal(("ECAL", 64), (stored.Pads.Single().Map!.Detector, stored.Width));
    }

    [Theory]
    [InlineData("{\"plot\":\"x\",\"width\":0,\"height\":10,\"pads\":[]}")]
    [InlineData("not json")]
    [InlineData("{\"plot\":\"x\",\"width\":10,\"height\":10}")]
    public async Task A_malformed_layout_is_refused(string body)
    {
        var response = await Api.PutAsync($"/api/v1/plot-types/{Plot}/layout", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM plot_layouts"));
    }

    private static byte[] QuarterBright()
    {
        using var bitmap = new SKBitmap(64, 64, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.Black);
        using (var canvas = new SKCanvas(bitmap)) canvas.DrawRect(0, 0, 32, 32, new SKPaint { Color = SKColors.White });
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
