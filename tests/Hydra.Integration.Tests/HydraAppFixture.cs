using Hydra.AppHost.Infrastructure;
using Hydra.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Integration.Tests;

/// <summary>
/// The whole of Hydra, started once for every test in the "hydra app" collection: the real AppHost
/// in local mode, so PostgreSQL and redis-server run as real programs in a fresh data folder.
/// </summary>
public sealed class HydraAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"hydra-tests-{Guid.NewGuid():N}"[..21]);

    /// <summary>Every resource the AppHost declares, in the order they become healthy.</summary>
    public static readonly string[] Resources =
    [
        HydraResources.Postgres, HydraResources.MonitoringDatabase, HydraResources.AssistantDatabase,
        HydraResources.Redis, HydraResources.Inference, HydraResources.Assistant, HydraResources.Web,
    ];

    /// <summary>
    /// The plots the test run's Iolaus streams. ECAL_adcOccupancy has a default model and the demo
    /// schedule trips an ECAL HV board, so it turns Bad; CTOF_adc has neither, so it stays in the grid.
    /// </summary>
    public static readonly string[] DemoPlots = ["ECAL_adcOccupancy", "DC_occupancyNorm", "CTOF_adc"];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Hydra_AppHost>(
            [
                $"--{HydraInfrastructureExtensions.ModeKey}=local", $"--{HydraInfrastructureExtensions.DataPathKey}={DataFolder}",
                // The demo run, quick and small, so the whole chain Iolaus -> Inference is exercised too.
                $"--{DemoStream.IntervalKey}=3", $"--{DemoStream.PlotsKey}={string.Join(',', DemoPlots)}",
            ],
            timeout.Token);
        appHost.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        App = await appHost.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await WaitUntilHealthyAsync(timeout.Token);
    }

    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var resource in Resources)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { /* a stray file handle; the temp folder is cleaned by the OS */ }
    }
}

[CollectionDefinition(Name)]
public sealed class HydraAppCollection : ICollectionFixture<HydraAppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "hydra app";
}
