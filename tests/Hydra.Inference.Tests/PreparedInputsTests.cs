using System.Net;
using Hydra.Inference.Classify;
using Hydra.Inference.Data;
using Hydra.Inference.Pipeline;
using Hydra.Models;
using Hydra.Models.Imaging;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Inference.Tests;

/// <summary>
/// Ingest decodes each PNG once and hands the model's input to the classifier (decode once): the
/// classifier uses a prepared input when it fits the model, decodes the stored PNG otherwise, and
/// ingest refuses a corrupt PNG exactly as strictly on either path.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PreparedInputsTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "HTCC_occupancy";
    private static readonly ImageShape BrightnessInput = new(1, 16, 16);

    [Fact]
    public void An_input_is_taken_once_and_only_for_its_own_shape()
    {
        var inputs = new PreparedInputs();
        inputs.Put(1, BrightnessInput, new float[BrightnessInput.Length]);
        inputs.Put(2, BrightnessInput, new float[BrightnessInput.Length]);

        Assert.NotNull(inputs.Take(1, BrightnessInput));
        Assert.Null(inputs.Take(1, BrightnessInput));
        Assert.Null(inputs.Take(2, new ImageShape(3, 16, 16)));
        Assert.Equal(0, inputs.Count);
    }

    [Fact]
    public void Past_its_memory_budget_ingest_stops_preparing()
    {
        var inputs = new PreparedInputs();
        var shape = new ImageShape(1, 512, 512); // 1 MB a tensor
        for (var id = 0; id < 100; id++) inputs.Put(id, shape, new float[shape.Length]);
        Assert.Equal((int)(PreparedInputs.MaxBytes / (shape.Length * sizeof(float))), inputs.Count);
    }

    [Fact]
    public void The_decode_that_checks_a_png_yields_the_models_input()
    {
        var png = TestPngs.Grey(200, salt: 5, width: 40, height: 30);
        var size = Ingest.PngInspector.Inspect(png, 4096, BrightnessInput, out var prepared, out var error);

        Assert.Null(error);
        Assert.Equal((40, 30), (size.Width, size.Height));
        Assert.Equal(PlotImage.ToTensor(png, BrightnessInput), prepared);

        Ingest.PngInspector.Inspect(png[..(png.Length / 2)], 4096, BrightnessInput, out prepared, out error);
        Assert.Equal(Ingest.IngestErrorKind.Undecodable, error?.Kind);
        Assert.Null(prepared);
    }

    [Fact]
    public async Task The_classifier_judges_the_prepared_input_when_it_fits_the_model_and_the_stored_png_otherwise()
    {
        var modelId = await BrightnessModel.ActivateAsync(Host.Services, Plot);
        var black = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 1, width: 32, height: 32), 8100, Plot, 1);
        Assert.Equal("Good", (await WaitForVerdictAsync(black.ImageId)).Classification);

        var catalog = Host.Services.GetRequiredService<ModelCatalog>();
        var inputs = Host.Services.GetRequiredService<PreparedInputs>();
        Assert.Equal(BrightnessInput, catalog.InputShapeFor(Plot));
        var job = new ImageJob(black.ImageId, 0, 8100, 0, Plot, "HTCC", 1, 32, 32, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, modelId, false, false);
        var white = PlotImage.ToTensor(TestPngs.Grey(BrightnessModel.White, width: 32, height: 32), BrightnessInput);

        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        inputs.Put(black.ImageId, BrightnessInput, white);
        Assert.Equal("Bad", (await catalog.ClassifyAsync(db, modelId, [job], default)).Single().Classification);
        Assert.Equal("Good", (await catalog.ClassifyAsync(db, modelId, [job], default)).Single().Classification);
        inputs.Put(black.ImageId, new ImageShape(1, 8, 8), new float[64]);
        Assert.Equal("Good", (await catalog.ClassifyAsync(db, modelId, [job], default)).Single().Classification);
    }

    [Fact]
    public async Task Once_the_model_is_known_ingest_prepares_inputs_and_still_refuses_a_truncated_png()
    {
        await BrightnessModel.ActivateAsync(Host.Services, Plot);
        var first = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 2, width: 32, height: 32), 8101, Plot, 1);
        await WaitForVerdictAsync(first.ImageId);

        var whitePng = TestPngs.Grey(BrightnessModel.White, salt: 3, width: 32, height: 32);
        var refused = await Api.PostAsync("/api/v1/images", Upload(whitePng[..(whitePng.Length / 2)], 8101, Plot, 2));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM images"));

        var second = await PostImageAsync(whitePng, 8101, Plot, 3);
        var verdict = await WaitForVerdictAsync(second.ImageId);
        Assert.Equal("Bad", verdict.Classification);
        Assert.Equal(0, Host.Services.GetRequiredService<PreparedInputs>().Count);
    }
}

/// <summary>Thumbnails and overlays are rendered once per image and size, however many pages ask.</summary>
public sealed class RenderedImagesTests
{
    [Fact]
    public async Task Each_image_and_size_is_rendered_once()
    {
        using var rendered = new Images.RenderedImages();
        var renders = 0;
        Task<byte[]?> Render() { renders++; return Task.FromResult<byte[]?>(new byte[1000]); }

        for (var page = 0; page < 100; page++) await rendered.GetOrRenderAsync("thumbnail", 7, 400, 0, Render);
        await rendered.GetOrRenderAsync("thumbnail", 7, 800, 0, Render);
        await rendered.GetOrRenderAsync("cam", 7, 400, 0, Render);
        Assert.Equal(3, renders);

        // An image that cannot be rendered (gone) is asked again next time, not remembered as missing.
        Assert.Null(await rendered.GetOrRenderAsync("thumbnail", 8, 400, 0, () => Task.FromResult<byte[]?>(null)));
        Assert.NotNull(await rendered.GetOrRenderAsync("thumbnail", 8, 400, 0, Render));
    }

    [Fact]
    public async Task Pages_asking_at_the_same_moment_wait_for_one_render_and_a_failed_one_is_tried_again()
    {
        using var rendered = new Images.RenderedImages();
        var renders = 0;
        var release = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<byte[]?> Slow() { Interlocked.Increment(ref renders); return release.Task; }

        // Twenty monitors redraw when a chunk lands: the first starts the render, the rest wait for it.
        var pages = Enumerable.Range(0, 20).Select(_ => Task.Run(() => rendered.GetOrRenderAsync("cam", 9, 400, 0, Slow))).ToList();
        await Task.Delay(100);
        release.SetResult(new byte[500]);
        var answers = await Task.WhenAll(pages);
        Assert.Equal(1, renders);
        Assert.All(answers, a => Assert.Equal(500, a!.Length));

        // A render that throws fails everyone waiting on it, and the next page renders afresh.
        await Assert.ThrowsAsync<IOException>(() => rendered.GetOrRenderAsync("cam", 10, 400, 0, () => throw new IOException("database away")));
        Assert.Equal(700, (await rendered.GetOrRenderAsync("cam", 10, 400, 0, () => Task.FromResult<byte[]?>(new byte[700])))!.Length);
    }
}
