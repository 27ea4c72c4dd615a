using Hydra.AppHost.Infrastructure;
using System.Net.Http.Json;
using Hydra.Core;
using Hydra.Core.Accounts;
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
                // Known secrets, so the tests can call Inference as Web does and sign in as the first Admin.
                $"--Parameters:{HydraSecrets.ServiceKeyParameter}={ServiceKey}",
                $"--Parameters:{HydraSecrets.AdminPasswordParameter}={AdminPassword}",
            ],
            timeout.Token);
        appHost.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // Every browser test signs in from 127.0.0.1: far more than a person's ten attempts a minute.
        var web = appHost.Resources.OfType<ProjectResource>().Single(r => r.Name == HydraResources.Web);
        appHost.CreateResourceBuilder(web).WithEnvironment("Hydra__Web__SignInAttemptsPerMinute", "1000");

        App = await appHost.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await WaitUntilHealthyAsync(timeout.Token);
        await CreatePeopleAsync(timeout.Token);
    }

    public const string ServiceKey = "integration-tests-service-key";
    public const string AdminPassword = "integration admin password";

    /// <summary>The people the browser tests sign in as: a shifter who only watches, and an ECAL expert who labels and trains.</summary>
    public static readonly IReadOnlyDictionary<string, AccountRequest> People = new Dictionary<string, AccountRequest>
    {
        [Shifter] = new(Shifter, "shift password 2026", [HydraRoles.Viewer], []),
        [Expert] = new(Expert, "expert password 2026", [HydraRoles.DetectorExpert, HydraRoles.Labeler], ["ECAL"]),
    };
    public const string Shifter = "shift";
    public const string Expert = "Ada Expert";

    /// <summary>Created through Inference's account API, as the Admin page does: the first Admin exists from configuration.</summary>
    private async Task CreatePeopleAsync(CancellationToken cancellationToken)
    {
        using var http = HydraPages.Inference(this);
        foreach (var person in People.Values)
        {
            // The seeder runs right after the migrations; retry until the roles exist.
            while (true)
            {
                var response = await http.PutAsJsonAsync($"/api/v1/accounts/{Uri.EscapeDataString(person.UserName)}", person, cancellationToken);
                if (response.IsSuccessStatusCode) break;
                await Task.Delay(500, cancellationToken);
            }
        }
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
