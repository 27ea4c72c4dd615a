using System.Text.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Models.Training;
using Hydra.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Models;

/// <summary>
/// Installs the shipped default models (<c>&lt;PLOT&gt;.onnx</c> + <c>&lt;PLOT&gt;.json</c> model cards, made by
/// eng/train-default-models.sh) for plot types that have no model yet, with the thresholds their
/// held-out evaluation chose, and activates them: a fresh Hydra classifies from its first image.
/// A plot type that already has any model, even an inactive one, is the experts' and is left alone.
/// </summary>
public sealed class DefaultModelSeeder(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    ModelRegistry registry,
    IOptionsMonitor<HydraOptions> options,
    ILogger<DefaultModelSeeder> logger) : BackgroundService
{
    public const string ActivatedBy = "hydra default models";
    private const long LockKey = 0x4879647261_02; // "Hydra", default models

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDoneAsync(stoppingToken);
        var settings = options.CurrentValue.DefaultModels;
        if (!settings.Enabled || !Directory.Exists(settings.Path)) return;
        try
        {
            var installed = await SeedAsync(settings.Path, stoppingToken);
            if (installed > 0) logger.LogInformation("Installed {Count} default models from {Path}", installed, settings.Path);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError("Default models not installed: {Reason}", exception.Message);
        }
    }

    public async Task<int> SeedAsync(string folder, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        // Held open for the whole pass: the session lock below belongs to this one connection.
        await db.Database.OpenConnectionAsync(cancellationToken);
        // One replica at a time: two would both see "no model yet" and install twice.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            var installed = 0;
            foreach (var onnxPath in Directory.EnumerateFiles(folder, "*.onnx").Order(StringComparer.Ordinal))
            {
                if (await InstallAsync(db, onnxPath, cancellationToken)) installed++;
            }
            return installed;
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private async Task<bool> InstallAsync(MonitoringDb db, string onnxPath, CancellationToken cancellationToken)
    {
        var cardPath = Path.ChangeExtension(onnxPath, ".json");
        if (!File.Exists(cardPath))
        {
            logger.LogWarning("Default model {File} has no model card beside it; skipped", Path.GetFileName(onnxPath));
            return false;
        }
        var card = JsonSerializer.Deserialize<ModelCard>(await File.ReadAllTextAsync(cardPath, cancellationToken), ModelCard.Json);
        if (card is null || !ImageName.IsValidPlotName(card.Plot)) return false;
        if (await db.Models.AnyAsync(m => m.PlotType!.Name == card.Plot, cancellationToken)) return false;

        var onnx = await File.ReadAllBytesAsync(onnxPath, cancellationToken);
        var (model, error) = await registry.ImportAsync(db, new ModelRegistry.Import(card.Plot, onnx, $"default ({card.Source})", null, "default", card.Thresholds), cancellationToken);
        if (model is null)
        {
            logger.LogError("Default model for {Plot} refused: {Reason}", card.Plot, error);
            return false;
        }
        var plotTypeId = await db.PlotTypes.Where(p => p.Name == card.Plot).Select(p => p.Id).FirstAsync(cancellationToken);
        var (activation, activationError) = await registry.ActivateAsync(db, model.ModelId, plotTypeId, ActivatedBy, cancellationToken);
        if (activation is null) logger.LogError("Default model for {Plot} not activated: {Reason}", card.Plot, activationError);
        return activation is not null;
    }
}
