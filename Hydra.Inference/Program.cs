using Hydra.Core;
using Hydra.Inference;
using Hydra.Inference.Accounts;
using Hydra.Inference.Alarms;
using Hydra.Inference.Api;
using Hydra.Inference.Classify;
using Hydra.Inference.Clustering;
using Hydra.Inference.Data;
using Hydra.Inference.Explanations;
using Hydra.Inference.Images;
using Hydra.Inference.Ingest;
using Hydra.Inference.IngestKeys;
using Hydra.Inference.Models;
using Hydra.Inference.Pipeline;
using Hydra.Inference.PlotTypes;
using Hydra.Inference.References;
using Hydra.Inference.Runs;
using Hydra.Inference.Security;
using Hydra.Inference.Tell;
using Hydra.Shared;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// Inference owns the monitoring database and is Redis's main writer (job stream, hot run state,
// events). Both client integrations register health checks, so /health names the one that is down.
builder.AddNpgsqlDbContext<MonitoringDb>(HydraResources.MonitoringDatabase,
    configureSettings: settings => settings.ConnectionString = DatabaseTuning.WithAutoPrepare(settings.ConnectionString),
    configureDbContextOptions: options => options.UseSnakeCaseNamingConvention()
        // Aspire's default retries (6, up to 30 s apart) held an upload and /health for a minute
        // while PostgreSQL was down. Retry a blip (a pooled connection that died with a restart)
        // twice, quickly; an outage then answers 503 + Retry-After at once, and the workers and
        // periodic duties retry on their own schedules (PostgresRestartTests).
        .UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 2, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null)));
// Fail fast while Redis is away instead of queueing commands until they time out (5 s each):
// ingest then accepts an image at once and the backlog sweeper queues it when Redis is back
// (RedisOutageTests; ADR-005).
builder.AddRedisClient(HydraResources.Redis, configureOptions: options => options.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast);
// So a Redis outage shows on /health but keeps replicas ready: uploads are still stored (ADR-012).
builder.Services.TagHealthChecksDegradedOk("StackExchange.Redis");
builder.Services.AddMigrations<MonitoringDb>();

// Deny by default: Web and the Assistant with the service key, ingest sources with an API key,
// people's roles forwarded by Web; local accounts in the monitoring database (ADR-011).
builder.AddInferenceSecurity();

builder.Services.Configure<HydraOptions>(builder.Configuration.GetSection(HydraOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOpenApi();
builder.Services.AddExceptionHandler<Hydra.Shared.UnstorableTextHandler>();
builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
builder.Services.AddProblemDetails();
// The notifier keeps its own durable retry schedule (rows in alarm_notifications); the default
// resilience handler's in-memory retries would hide failed attempts from it.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental
builder.Services.AddHttpClient(AlarmNotifier.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
    .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

// The pipeline: arrive (ingest, inbox) -> queue -> classify -> judge -> store -> tell.
builder.Services.AddSingleton<PipelineMetrics>();
builder.Services.AddSingleton<PlotTypeRegistry>();
builder.Services.AddSingleton<RunRegistry>();
builder.Services.AddSingleton<JobQueue>();
builder.Services.AddSingleton<EventPublisher>();
builder.Services.AddSingleton<RunStateCache>();
builder.Services.AddSingleton<RunStates>();
builder.Services.AddSingleton<ImageIngest>();
builder.Services.AddSingleton<PreparedInputs>();
builder.Services.AddSingleton<RenderedImages>();
builder.Services.AddSingleton<ModelCatalog>();
builder.Services.AddSingleton<ModelRegistry>();
builder.Services.AddSingleton<DefaultModelsReady>();
builder.Services.AddSingleton<ModelEvaluator>();
builder.Services.AddSingleton<Explainer>();
builder.Services.AddSingleton<BatchProcessor>();
builder.Services.AddSingleton<PipelineStatusReader>();
builder.Services.AddSingleton<ImageEmbeddings>();
builder.Services.AddSingleton<ClusterMaps>();
builder.Services.AddSingleton<ReferenceScorer>();
builder.Services.AddSingleton<AlarmNotifier>();
builder.Services.AddHostedService(services => services.GetRequiredService<AlarmNotifier>());
builder.Services.AddHostedService<ClassifierWorkers>();
builder.Services.AddHostedService<BacklogSweeper>();
builder.Services.AddHostedService<InboxWatcher>();
builder.Services.AddHostedService<Watchdog>();
builder.Services.AddHostedService<RetentionSweeper>();
builder.Services.AddHostedService<ModelUnloader>();
builder.Services.AddHostedService<DefaultModelSeeder>();
builder.Services.AddHostedService<TrainingJobRunner>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// Health, Prometheus' /metrics (both in MapDefaultEndpoints) and the API description stay open:
// the AppHost, Kubernetes and Prometheus probe them without credentials, and they carry no monitoring data.
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription().AllowAnonymous();

app.MapGroup("/api/v1")
    .RequirePoliciesFromTable()
    .MapAccountEndpoints()
    .MapIngestKeyEndpoints()
    .MapImageEndpoints()
    .MapRunEndpoints()
    .MapPlotTypeEndpoints()
    .MapVerdictEndpoints()
    .MapAlarmEndpoints()
    .MapNewsEndpoints()
    .MapPipelineEndpoints()
    .MapModelEndpoints()
    .MapLabelEndpoints()
    .MapTrainingEndpoints()
    .MapLabelerEndpoints()
    .MapStatisticsEndpoints()
    .MapClusterEndpoints()
    .MapReferenceEndpoints();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
