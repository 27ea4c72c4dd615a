using Hydra.Inference.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Hydra.Inference.Tests;

/// <summary>
/// A replica whose seeding pass waits for another's (the advisory lock) must outwait the database's
/// command timeout: giving up would leave its default models uninstalled for nothing.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class DefaultModelsLockTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    /// <summary>
    /// Far below Npgsql's 30 s, so the test need not wait that long to pass it; not 1 s, which a
    /// start-up migration on a busy CI machine could outlast.
    /// </summary>
    private const int CommandTimeoutSeconds = 2;

    private readonly string _folder = Directory.CreateTempSubdirectory("hydra-default-models").FullName;

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["ConnectionStrings:monitoring-db"] = $"{DatabaseConnectionString};Command Timeout={CommandTimeoutSeconds}";

    [Fact]
    public async Task A_pass_that_waits_for_another_replicas_lock_longer_than_the_command_timeout_still_installs()
    {
        var seeder = Host.Services.GetServices<IHostedService>().OfType<DefaultModelSeeder>().Single();
        BrightnessModel.ShipDefault(_folder, "CTOF_adcOccupancy", badThreshold: 0.9f);

        // The other replica: its pass holds the lock for two command timeouts.
        await using var other = new NpgsqlConnection(DatabaseConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({DefaultModelSeeder.LockKey})", other)) await take.ExecuteScalarAsync();
        var pass = seeder.SeedAsync(_folder, default);
        await Task.Delay(TimeSpan.FromSeconds(2 * CommandTimeoutSeconds));
        Assert.False(pass.IsCompleted, $"the pass ended while the lock was held: {pass.Exception?.InnerException?.Message}");
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM models"));

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({DefaultModelSeeder.LockKey})", other)) await release.ExecuteScalarAsync();
        Assert.Equal(1, await pass.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM plot_types WHERE name = 'CTOF_adcOccupancy' AND active_model_id IS NOT NULL"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
