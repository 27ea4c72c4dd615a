using System.Text.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Models;
using Hydra.Models;
using Hydra.Models.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Net.Http.Json;
using Npgsql;

namespace Hydra.Inference.Tests;

/// <summary>Shipped default models are installed for plot types without models, and only for those.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DefaultModelsTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hydra-default-models").FullName;

    [Fact]
    public async Task A_fresh_plot_type_classifies_its_first_image_with_the_default_model_and_its_thresholds()
    {
        Ship("CTOF_adcOccupancy", badThreshold: 0.93f);
        Ship("CND_adcOccupancy", badThreshold: 0.93f);
        // The experts already have a model for CND (inactive): the default must not replace it.
        await BrightnessModel.ActivateAsync(Host.Services, "CND_adcOccupancy");
        await ExecuteAsync("UPDATE plot_types SET active_model_id = NULL WHERE name = 'CND_adcOccupancy'");

        var (_, replica) = await StartReplicaAsync(s => { s["Hydra:DefaultModels:Enabled"] = "true"; s["Hydra:DefaultModels:Path"] = _folder; });
        await WaitUntilAsync(async () => await ScalarAsync("SELECT count(*) FROM plot_types WHERE name = 'CTOF_adcOccupancy' AND active_model_id IS NOT NULL") == 1, "the default model");

        var image = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: 1, width: 32, height: 32), 6900, "CTOF_adcOccupancy", 1, client: replica);
        var verdict = await WaitForVerdictAsync(image.ImageId);
        Assert.Equal(("Bad", true), (verdict.Classification, verdict.Confirmed));

        var models = await GetAsync<List<ModelView>>("/api/v1/plot-types/CTOF_adcOccupancy/models");
        var installed = Assert.Single(models);
        Assert.Equal(("default", true), (installed.Origin, installed.IsActive));
        Assert.Equal((0.93f, "max_f1"), (installed.Thresholds.Single(t => t.Classification == "Bad").Threshold, installed.Thresholds.Single(t => t.Classification == "Bad").Method));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM models m JOIN plot_types p ON p.id = m.plot_type_id WHERE p.name = 'CND_adcOccupancy'"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM plot_types WHERE name = 'CND_adcOccupancy' AND active_model_id IS NOT NULL"));
    }

    [Fact]
    public async Task A_better_default_replaces_an_untouched_default_but_never_what_an_expert_changed()
    {
        var seeder = Host.Services.GetServices<IHostedService>().OfType<DefaultModelSeeder>().Single();
        async Task<List<ModelView>> Versions(string plot) =>
            [.. (await GetAsync<List<ModelView>>($"/api/v1/plot-types/{plot}/models")).OrderBy(m => m.CreatedAt)];

        Ship("LTCC_adcOccupancy", badThreshold: 0.9f);
        Ship("CND_tdcOccupancy", badThreshold: 0.9f);
        Assert.Equal(2, await seeder.SeedAsync(_folder, default));
        var first = Assert.Single(await Versions("LTCC_adcOccupancy"));
        Assert.Equal(0, await seeder.SeedAsync(_folder, default)); // the same release again: nothing to do

        // A release that only moves the card's thresholds for the same network updates them in place.
        Ship("LTCC_adcOccupancy", badThreshold: 0.85f);
        Assert.Equal(1, await seeder.SeedAsync(_folder, default));
        var retuned = Assert.Single(await Versions("LTCC_adcOccupancy"));
        Assert.Equal((first.ModelId, 0.85f, ModelThreshold.Swept), (retuned.ModelId, retuned.Thresholds.Single(t => t.Classification == "Bad").Threshold,
            retuned.Thresholds.Single(t => t.Classification == "Bad").Method));
        // A release whose card was calibrated since says so beside the threshold (an upgrade from before bases were kept, too).
        ThresholdChange calibrated = new("Bad", 0.9f, 0.8f, "the lowest with at most 0.5 % confirmed false alarms", "1000 images of cal20", DateTimeOffset.UtcNow);
        Ship("LTCC_adcOccupancy", badThreshold: 0.8f, history: [calibrated]);
        Assert.Equal(1, await seeder.SeedAsync(_folder, default));
        var held = Assert.Single(await Versions("LTCC_adcOccupancy")).Thresholds.Single(t => t.Classification == "Bad");
        Assert.Equal((0.8f, ModelThreshold.FalseAlarmBar, "the lowest with at most 0.5 % confirmed false alarms, on 1000 images of cal20"), (held.Threshold, held.Method, held.Basis));
        Assert.Equal(0, await seeder.SeedAsync(_folder, default));

        // On CND an expert sets the Bad threshold of the installed default: the plot type is theirs now.
        var cndDefault = Assert.Single(await Versions("CND_tdcOccupancy"));
        (await ActingAs("Nick (CND expert)").PutAsJsonAsync($"/api/v1/models/{cndDefault.ModelId}/thresholds/Bad", new ThresholdRequest(0.97f, "Nick"))).EnsureSuccessStatusCode();

        // The next release ships another network for both.
        Ship("LTCC_adcOccupancy", badThreshold: 0.8f, inverted: true);
        Ship("CND_tdcOccupancy", badThreshold: 0.8f, inverted: true);
        Assert.Equal(1, await seeder.SeedAsync(_folder, default));

        var ltcc = await Versions("LTCC_adcOccupancy");
        Assert.Equal(2, ltcc.Count);
        Assert.Equal((first.ModelId, true, false), (ltcc[1].ParentModelId!.Value, ltcc[1].IsActive, ltcc[0].IsActive));
        Assert.Equal(0.8f, ltcc[1].Thresholds.Single(t => t.Classification == "Bad").Threshold);
        var cnd = Assert.Single(await Versions("CND_tdcOccupancy"));
        Assert.Equal((cndDefault.ModelId, true), (cnd.ModelId, cnd.IsActive));

        // An expert rolls LTCC back to the first default: a later release leaves that choice alone.
        (await ActingAs("Yuri (LTCC expert)").PostAsync("/api/v1/plot-types/LTCC_adcOccupancy/models/rollback", null)).EnsureSuccessStatusCode();
        Ship("LTCC_adcOccupancy", badThreshold: 0.7f);
        File.WriteAllBytes(Path.Combine(_folder, "LTCC_adcOccupancy.onnx"), ToneModel.Onnx()); // a third network
        Assert.Equal(0, await seeder.SeedAsync(_folder, default));
        Assert.Equal(2, (await Versions("LTCC_adcOccupancy")).Count);

        // A release that stops shipping LTCC's default leaves it active, and names it as retired.
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var retired = await DefaultModelSeeder.RetiredDefaultsAsync(db, ["CND_tdcOccupancy"], default);
        Assert.Contains("LTCC_adcOccupancy", retired);
        Assert.DoesNotContain("CND_tdcOccupancy", retired);
    }

    [Fact]
    public async Task A_calibrated_card_installs_under_its_training_source_and_a_long_source_is_cut_to_a_name()
    {
        var seeder = Host.Services.GetServices<IHostedService>().OfType<DefaultModelSeeder>().Single();
        const string trained = "iolaus dataset ds20, seed 1, labels folded Acceptable=Good, HotChannel=Bad";
        ThresholdChange[] calibrations = [.. Enumerable.Range(0, 6).Select(i =>
            new ThresholdChange("Bad", 0.1f * i, 0.1f * i + 0.12f, "at most 0.5 % confirmed false alarms", $"1000 images of cal{i}", DateTimeOffset.UtcNow))];
        Ship("RICH_occupancy", badThreshold: 0.72f, source: trained, history: calibrations);
        Ship("RICH_occupancy2d", badThreshold: 0.72f, source: new string('x', 400));

        Assert.Equal(2, await seeder.SeedAsync(_folder, default));

        var installed = Assert.Single(await GetAsync<List<ModelView>>("/api/v1/plot-types/RICH_occupancy/models"));
        var bad = installed.Thresholds.Single(t => t.Classification == "Bad");
        Assert.Equal(($"default ({trained})", true, 0.72f), (installed.Name, installed.IsActive, bad.Threshold));
        // The threshold names the last change's bar and evidence; classes the history never moved stay swept.
        Assert.Equal((ModelThreshold.FalseAlarmBar, "at most 0.5 % confirmed false alarms, on 1000 images of cal5"), (bad.Method, bad.Basis));
        Assert.Equal((ModelThreshold.Swept, null), (installed.Thresholds.Single(t => t.Classification == "Good").Method, installed.Thresholds.Single(t => t.Classification == "Good").Basis));
        var long2d = Assert.Single(await GetAsync<List<ModelView>>("/api/v1/plot-types/RICH_occupancy2d/models"));
        Assert.Equal(ModelRegistry.MaxNameLength, long2d.Name.Length);
        Assert.EndsWith("…)", long2d.Name);
    }

    [Fact]
    public async Task A_card_that_is_not_json_costs_only_its_own_model()
    {
        var seeder = Host.Services.GetServices<IHostedService>().OfType<DefaultModelSeeder>().Single();
        Ship("FTOF_tdcOccupancy", badThreshold: 0.8f);
        Ship("HTCC_occupancy", badThreshold: 0.8f);
        File.WriteAllText(Path.Combine(_folder, "FTOF_tdcOccupancy.json"), "{ \"plot\": \"FTOF_tdcOccupancy\", \"thresholdHistory\": [");

        Assert.Equal(1, await seeder.SeedAsync(_folder, default));

        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM models m JOIN plot_types p ON p.id = m.plot_type_id WHERE p.name = 'FTOF_tdcOccupancy'"));
        Assert.True(Assert.Single(await GetAsync<List<ModelView>>("/api/v1/plot-types/HTCC_occupancy/models")).IsActive);
    }

    [Fact]
    public async Task A_pass_that_waits_for_another_replicas_lock_longer_than_the_command_timeout_still_installs()
    {
        // Far below Npgsql's 30 s, so the test need not wait that long to pass it; this replica's
        // pass must outwait it (giving up would leave its default models uninstalled for nothing).
        const int commandTimeoutSeconds = 2;
        var (replica, _) = await StartReplicaAsync(s => s["ConnectionStrings:monitoring-db"] = $"{DatabaseConnectionString};Command Timeout={commandTimeoutSeconds}");
        var seeder = replica.Services.GetServices<IHostedService>().OfType<DefaultModelSeeder>().Single();
        Ship("CTOF_adcOccupancy", badThreshold: 0.9f);

        // The other replica: its pass holds the lock for two command timeouts.
        await using var other = new NpgsqlConnection(DatabaseConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({DefaultModelSeeder.LockKey})", other)) await take.ExecuteScalarAsync();
        var pass = seeder.SeedAsync(_folder, default);
        await Task.Delay(TimeSpan.FromSeconds(2 * commandTimeoutSeconds));
        Assert.False(pass.IsCompleted, $"the pass ended while the lock was held: {pass.Exception?.InnerException?.Message}");
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM models"));

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({DefaultModelSeeder.LockKey})", other)) await release.ExecuteScalarAsync();
        Assert.Equal(1, await pass.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM plot_types WHERE name = 'CTOF_adcOccupancy' AND active_model_id IS NOT NULL"));
    }

    private void Ship(string plot, float badThreshold, bool inverted = false, string source = "test", IReadOnlyList<ThresholdChange>? history = null) =>
        BrightnessModel.ShipDefault(_folder, plot, badThreshold, inverted, source, history);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
