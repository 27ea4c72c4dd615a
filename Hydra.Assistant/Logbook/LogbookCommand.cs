using Hydra.Assistant.Data;
using Hydra.Core;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Assistant.Logbook;

/// <summary>
/// <c>dotnet run --project Hydra.Assistant -- logbook import FILE.json|FILE.csv</c>: the same import
/// as the API, straight into the assistant database (connection string
/// <c>ConnectionStrings__assistant-db</c>, as Aspire would give the service). Exit code 0 when every
/// row was imported or already there, 2 when some rows were bad, 1 on a usage error.
/// </summary>
public static class LogbookCommand
{
    public const string Usage = "logbook import FILE.json|FILE.csv   (connection string in ConnectionStrings__assistant-db)";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is not ["import", var file])
        {
            await output.WriteLineAsync($"usage: {Usage}");
            return 1;
        }
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"no file {file}");
            return 1;
        }

        var builder = Host.CreateApplicationBuilder();
        if (builder.Configuration.GetConnectionString(HydraResources.AssistantDatabase) is not { Length: > 0 } connection)
        {
            await output.WriteLineAsync($"no database: set ConnectionStrings__{HydraResources.AssistantDatabase}");
            return 1;
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A new database has no migrations table yet; EF logs that first probe as a failed command.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Services.AddDbContext<AssistantDb>(options => options.UseNpgsql(connection).UseSnakeCaseNamingConvention());
        builder.Services.AddSingleton<TextEmbedder>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<LogbookImporter>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AssistantDb>().Database.MigrateAsync();

        var text = await File.ReadAllTextAsync(file);
        var format = LogbookFile.FormatOf(file) ?? LogbookFile.Sniff(text);
        var result = await scope.ServiceProvider.GetRequiredService<LogbookImporter>().ImportAsync(text, format, CancellationToken.None);
        await output.WriteLineAsync($"{result.Imported} entries imported, {result.Duplicates} already there, {result.Errors.Count} bad rows");
        foreach (var error in result.Errors) await output.WriteLineAsync($"  line {error.Line}: {error.Error}");
        return result.Errors.Count == 0 ? 0 : 2;
    }
}
