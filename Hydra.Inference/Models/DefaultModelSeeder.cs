using System.Security.Cryptography;
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
/// A release with a better default reaches plot types that only ever ran shipped defaults: the new
/// one is installed as the next version (the old one its parent, so a rollback returns to it) and
/// activated. Anything an expert did to a plot type (trained or imported a model, activated or
/// rolled back, set a threshold) makes it theirs, and it is left alone.
/// </summary>
public sealed class DefaultModelSeeder(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    ModelRegistry registry,
    IOptionsMonitor<HydraOptions> options,
    ILogger<DefaultModelSeeder> logger) : BackgroundService
{
    public const string ActivatedBy = "hydra default models";
    private const string Origin = "default";
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
        var onnx = await File.ReadAllBytesAsync(onnxPath, cancellationToken);
        var (mayInstall, parent) = await MayInstallAsync(db, card.Plot, SHA256.HashData(onnx), cancellationToken);
        if (!mayInstall) return false;

        var (model, error) = await registry.ImportAsync(db, new ModelRegistry.Import(card.Plot, onnx, $"default ({card.Source})", parent, Origin, card.Thresholds), cancellationToken);
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

    /// <summary>
    /// Whether the shipped model may go in: the plot type has no model, or only earlier shipped
    /// defaults (none of them this very file), the active one activated by this seeder, its
    /// thresholds as evaluated. <c>Parent</c> is the default it replaces.
    /// </summary>
    private static async Task<(bool MayInstall, Guid? Parent)> MayInstallAsync(MonitoringDb db, string plot, byte[] sha256, CancellationToken cancellationToken)
    {
        var models = await db.Models.Where(m => m.PlotType!.Name == plot).Select(m => new { m.Origin, m.FileSha256 }).ToListAsync(cancellationToken);
        if (models.Count == 0) return (true, null);
        if (models.Any(m => m.Origin != Origin || m.FileSha256.AsSpan().SequenceEqual(sha256))) return (false, null);

        var plotType = await db.PlotTypes.Where(p => p.Name == plot).Select(p => new { p.Id, p.ActiveModelId }).FirstAsync(cancellationToken);
        if (plotType.ActiveModelId is not { } active) return (false, null);
        var lastActivation = await db.ModelActivations.Where(a => a.PlotTypeId == plotType.Id).OrderByDescending(a => a.Id)
            .Select(a => a.ActivatedBy).FirstOrDefaultAsync(cancellationToken);
        if (lastActivation != ActivatedBy) return (false, null);
        // SetByExpert spelled out for the database: a method other than the two automatic ones.
        var expertThresholds = await db.ModelThresholds.AnyAsync(t => t.ModelId == active && t.Method != ModelThreshold.Swept && t.Method != ModelThreshold.Initial, cancellationToken);
        return expertThresholds ? (false, null) : (true, active);
    }
}
