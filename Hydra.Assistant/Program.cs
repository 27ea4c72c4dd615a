using Hydra.Assistant.Data;
using Hydra.Core;
using Hydra.Shared;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// The assistant owns its database (logbook and conversations) and listens to Redis for the
// alarms it is asked about; it reads everything else through Inference's API.
builder.AddNpgsqlDbContext<AssistantDb>(HydraResources.AssistantDatabase,
    configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
builder.AddRedisClient(HydraResources.Redis);
builder.Services.AddMigrations<AssistantDb>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => Results.Redirect("/health")).ExcludeFromDescription();
app.Run();
