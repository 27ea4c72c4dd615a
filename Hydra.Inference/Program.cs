using Hydra.Core;
using Hydra.Inference.Data;
using Hydra.Shared;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// Inference owns the monitoring database and is Redis's main writer (job stream, hot run state,
// events). Both client integrations register health checks, so /health names the one that is down.
builder.AddNpgsqlDbContext<MonitoringDb>(HydraResources.MonitoringDatabase,
    configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
builder.AddRedisClient(HydraResources.Redis);
builder.Services.AddMigrations<MonitoringDb>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => Results.Redirect("/health")).ExcludeFromDescription();
app.Run();
