using Hydra.Assistant.Chat;
using Hydra.Assistant.Conversations;
using Hydra.Assistant.Data;
using Hydra.Assistant.Inference;
using Hydra.Assistant.Logbook;
using Hydra.Assistant.Security;
using Hydra.Core;
using Hydra.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

// `dotnet run --project Hydra.Assistant -- logbook import FILE`: the command line, no web server.
if (args is ["logbook", ..]) return await LogbookCommand.RunAsync(args[1..], Console.Out);

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// The assistant owns its database (logbook and conversations) and listens to Redis for the
// alarms it is asked about; it reads everything else through Inference's API.
builder.AddNpgsqlDbContext<AssistantDb>(HydraResources.AssistantDatabase,
    configureDbContextOptions: options => options.UseSnakeCaseNamingConvention()
        // As in Inference: Aspire's default retries (6, up to 30 s apart) would hold a question for a
        // minute while PostgreSQL is down; retry a blip twice, quickly, and answer the error.
        .UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 2, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null)));
builder.AddRedisClient(HydraResources.Redis);
builder.Services.AddMigrations<AssistantDb>();
builder.Services.AddOpenApi();
builder.Services.AddExceptionHandler<Hydra.Shared.UnstorableTextHandler>();
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(TimeProvider.System);
// Inference's API admits the Assistant by the shared service key (ADR-011): it reads, and never
// forwards a person, so its tools can do nothing a Viewer could not.
var inferenceServiceKey = builder.Configuration["Hydra:Auth:ServiceKey"];
builder.Services.AddHttpClient<InferenceClient>(client =>
{
    client.BaseAddress = InferenceClient.BaseAddress;
    if (!string.IsNullOrEmpty(inferenceServiceKey)) client.DefaultRequestHeaders.Add(Hydra.Core.Accounts.ServiceHeaders.ServiceKey, inferenceServiceKey);
});

// The logbook: MiniLM loaded once per process and warmed up at start; the vector index is shared.
builder.Services.AddSingleton<TextEmbedder>();
builder.Services.AddHostedService<EmbedderWarmUp>();
builder.Services.AddSingleton<LogbookVectorIndex>();
builder.Services.AddScoped<LogbookImporter>();
builder.Services.AddScoped<LogbookSearch>();

// Chat: the language model is configuration; without one the offline mode answers (ADR-008).
var languageModel = builder.Configuration.GetSection(LanguageModelOptions.Section).Get<LanguageModelOptions>() ?? new LanguageModelOptions();
builder.Services.AddSingleton(languageModel);
if (languageModel.CreateClient() is { } chatClient) builder.Services.AddSingleton(chatClient.AsBuilder().UseOpenTelemetry().Build());
builder.Services.AddSingleton(services => new LlmResponder(services.GetRequiredService<IChatClient>(), languageModel, services.GetRequiredService<ILoggerFactory>()));
builder.Services.AddScoped<ConversationStore>();
builder.Services.AddScoped<ChatService>();

// Only Web (and the tests) with the service key; chat rate limited per person (ADR-011).
builder.AddAssistantSecurity();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription().AllowAnonymous();
app.MapGroup("/api/v1")
    .MapLogbookEndpoints()
    .MapChatEndpoints();
app.Logger.LogInformation("Assistant answers {Mode}", languageModel.IsConfigured ? $"with model {languageModel.Model} at {languageModel.Endpoint}" : "in offline mode (no language model configured)");
app.Run();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
