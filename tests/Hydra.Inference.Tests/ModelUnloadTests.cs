using Hydra.Inference.Classify;
using Hydra.Inference.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Inference.Tests;

/// <summary>
/// A replica that evaluates and retrains for months must not keep every model version it ever
/// loaded: a version nobody has active and nobody uses is unloaded, an active one stays, and a
/// version in use (an evaluation holding it) is never pulled from under its user.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ModelUnloadTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "CTOF_adc";

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Hydra:Classifier:UnloadIdleModelsAfter"] = "00:00:01";

    [Fact]
    public async Task A_version_no_longer_active_is_unloaded_once_idle_and_the_active_one_stays()
    {
        var catalog = Host.Services.GetRequiredService<ModelCatalog>();
        var first = await BrightnessModel.ActivateAsync(Host.Services, Plot);
        var dark = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 1, width: 32, height: 32), 8200, Plot, 1);
        Assert.Equal("Good", (await WaitForVerdictAsync(dark.ImageId)).Classification);
        Assert.Contains(first, catalog.Loaded);

        var second = await BrightnessModel.ActivateAsync(Host.Services, Plot, onnx: BrightnessModel.Onnx(inverted: true));
        var next = await PostImageAsync(TestPngs.Grey(BrightnessModel.Black, salt: 2, width: 32, height: 32), 8200, Plot, 2);
        Assert.Equal("Bad", (await WaitForVerdictAsync(next.ImageId)).Classification);

        await WaitUntilAsync(() => Task.FromResult(!catalog.Loaded.Contains(first)), "the replaced version is unloaded", TimeSpan.FromSeconds(20));
        Assert.Contains(second, catalog.Loaded);

        // The active version keeps judging without a reload.
        var third = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: 3, width: 32, height: 32), 8200, Plot, 3);
        Assert.Equal("Good", (await WaitForVerdictAsync(third.ImageId)).Classification);
    }

    [Fact]
    public async Task A_leased_version_stays_loaded_until_its_lease_ends()
    {
        var catalog = Host.Services.GetRequiredService<ModelCatalog>();
        var old = await BrightnessModel.ActivateAsync(Host.Services, Plot);
        await BrightnessModel.ActivateAsync(Host.Services, Plot, onnx: BrightnessModel.Onnx(inverted: true));

        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        using (var lease = await catalog.LeaseAsync(db, old, default))
        {
            // Several unload passes (every second here) go by while the lease is open.
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Contains(old, catalog.Loaded);
            Assert.Equal("Bad", lease.Model.PredictPngs([TestPngs.Grey(BrightnessModel.White, width: 16, height: 16)])[0].TopLabel);
        }

        await WaitUntilAsync(() => Task.FromResult(!catalog.Loaded.Contains(old)), "the version is unloaded after its lease", TimeSpan.FromSeconds(20));
        // Asked for again, it loads afresh and works.
        using var again = await catalog.LeaseAsync(db, old, default);
        Assert.Equal("Good", again.Model.PredictPngs([TestPngs.Grey(BrightnessModel.Black, width: 16, height: 16)])[0].TopLabel);
    }
}
