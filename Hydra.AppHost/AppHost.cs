using Hydra.AppHost.Infrastructure;
using Hydra.Core;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and Redis as containers when a Docker engine answers, else as local programs from
// the machine's packages: same resource names and connection strings either way (ADR-001).
var infrastructure = builder.AddHydraInfrastructure();

// Web and the Assistant call Inference with a shared service key; the first Admin signs in with a
// password from a secret parameter (printed at start when generated). ADR-011.
var (serviceKey, adminPassword) = builder.AddHydraSecrets(infrastructure.DataFolder);

// Inference owns the monitoring database and feeds Redis (job stream, hot run state, events).
// It waits for both: it must apply its migrations before it can take a single image.
var inference = builder.AddProject<Projects.Hydra_Inference>(HydraResources.Inference)
    .WithReference(infrastructure.MonitoringDatabase).WaitFor(infrastructure.MonitoringDatabase)
    .WithEnvironment(HydraSecrets.ServiceKeyVariable, serviceKey)
    .WithEnvironment("Hydra__Auth__AdminUserName", HydraSecrets.AdminUserName)
    .WithEnvironment("Hydra__Auth__AdminPassword", adminPassword)
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
    .WithHttpHealthCheck(HealthEndpoints.Health)
    .WithQuickShutdown();
// The inbox is a folder on this machine: a published manifest must not carry this machine's path
// (a deployment mounts its own, docs/deployment.md).
if (builder.ExecutionContext.IsRunMode)
{
    inference.WithEnvironment("Hydra__Ingest__InboxPath", Path.Combine(infrastructure.DataFolder, "inbox"));
}

// The assistant owns its own database (logbook, conversations) and answers from Inference's API:
// it waits for Inference so its first answer is not "I cannot see any alarms".
var assistant = builder.AddProject<Projects.Hydra_Assistant>(HydraResources.Assistant)
    .WithReference(infrastructure.AssistantDatabase).WaitFor(infrastructure.AssistantDatabase)
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
    .WithReference(inference).WaitFor(inference)
    .WithEnvironment(HydraSecrets.ServiceKeyVariable, serviceKey)
    .WithLanguageModel()
    .WithHttpHealthCheck(HealthEndpoints.Health)
    .WithQuickShutdown();

// Web has no database. It waits for both APIs so the first page a person opens has data behind it.
builder.AddProject<Projects.Hydra_Web>(HydraResources.Web)
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
    .WithReference(inference).WaitFor(inference)
    .WithReference(assistant).WaitFor(assistant)
    .WithEnvironment(HydraSecrets.ServiceKeyVariable, serviceKey)
    // Off unless the AppHost is told: an anonymous Run page is a choice for a closed counting house.
    .WithEnvironment("Hydra__Web__AnonymousRunPage", builder.Configuration["Hydra:Web:AnonymousRunPage"] ?? "false")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck(HealthEndpoints.Health)
    .WithQuickShutdown();

// A live demo run from Iolaus into Inference (Hydra:Demo:Enabled=false for a real experiment).
builder.AddDemoStream(inference);

builder.Build().Run();
