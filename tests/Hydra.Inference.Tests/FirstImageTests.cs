using Hydra.Core.Monitoring;
using Hydra.Inference.Models;
using Npgsql;

namespace Hydra.Inference.Tests;

/// <summary>
/// A fresh installation judges its very first image with the shipped model, even when that image
/// arrives while the defaults are still being installed.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class FirstImageTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hydra-first-image").FullName;
    private NpgsqlConnection? _seedingLock;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hydra:DefaultModels:Enabled"] = "true";
        settings["Hydra:DefaultModels:Path"] = _folder;
    }

    /// <summary>
    /// Holds the seeding lock as another replica's long seeding pass would, so this replica's
    /// seeder is still waiting to install when the first image comes in.
    /// </summary>
    protected override async Task BeforeFirstReplicaAsync()
    {
        BrightnessModel.ShipDefault(_folder, "CTOF_adcOccupancy", badThreshold: 0.93f);
        _seedingLock = new NpgsqlConnection(DatabaseConnectionString);
        await _seedingLock.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({DefaultModelSeeder.LockKey})", _seedingLock);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_image_that_arrives_before_the_defaults_are_installed_waits_for_them_and_is_not_judged_NoModel()
    {
        var image = await PostImageAsync(TestPngs.Grey(BrightnessModel.White, salt: 1, width: 32, height: 32), 6901, "CTOF_adcOccupancy", 1);
        // Long enough for a worker that did not wait to have judged it (they take new jobs within milliseconds).
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM verdicts WHERE image_id = {image.ImageId}"));
        // The Run page learns why the run is quiet: not a fault, a start-up.
        var starting = await GetAsync<RunState>("/api/v1/runs/6901");
        Assert.Equal((6901, 1, true), (starting.Run.RunNumber, starting.ImagesWaiting, starting.InstallingDefaultModels));

        // The other pass ends; this replica's seeder installs the default.
        await using (var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({DefaultModelSeeder.LockKey})", _seedingLock))
        {
            await unlock.ExecuteNonQueryAsync();
        }

        var verdict = await WaitForVerdictAsync(image.ImageId);
        Assert.Equal(("Bad", true), (verdict.Classification, verdict.Confirmed));
        Assert.NotNull(verdict.ModelId);
        var judged = await GetAsync<RunState>("/api/v1/runs/6901");
        Assert.Equal((0, false, 1), (judged.ImagesWaiting, judged.InstallingDefaultModels, judged.Plots.Count));
    }

    public override async Task DisposeAsync()
    {
        if (_seedingLock is not null) await _seedingLock.DisposeAsync();
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
