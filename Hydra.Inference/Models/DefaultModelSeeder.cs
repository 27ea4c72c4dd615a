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
/// activated; a release that only moved the thresholds of the same network updates them. Anything
/// an expert did to a plot type (trained or imported a model, activated or
/// rolled back, set a threshold) makes it theirs, and it is left alone.
/// </summary>
public sealed class DefaultModelSeeder(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    ModelRegistry registry,
    DefaultModelsReady ready,
    IOptionsMonitor<HydraOptions> options,
    ILogger<DefaultModelSeeder> logger) : BackgroundService
{
    public const string ActivatedBy = "hydra default models";
    private const string Origin = "default";
    /// <summary>The PostgreSQL advisory lock a seeding pass holds: one replica at a time.</summary>
    public const long LockKey = 0x4879647261_02; // "Hydra", default models

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await migrations.WhenDoneAsync(stoppingToken);
            var settings = options.CurrentValue.DefaultModels;
            if (!settings.Enabled || !Directory.Exists(settings.Path)) return;
            var installed = await SeedAsync(settings.Path, stoppingToken);
            if (installed > 0) logger.LogInformation("Installed or updated {Count} default models from {Path}", installed, settings.Path);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError("Default models not installed: {Reason}", exception.Message);
        }
        finally
        {
            ready.Complete(); // installed, nothing to do or failed: the classifier need not wait any longer
        }
    }

    public async Task<int> SeedAsync(string folder, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        // Held open for the whole pass: the session lock below belongs to this one connection.
        await db.Database.OpenConnectionAsync(cancellationToken);
        // One replica at a time: two would both see "no model yet" and install twice. The wait for
        // another replica's pass may outlast Npgsql's 30 s command timeout on a slow database, and
        // giving up would leave this replica's defaults uninstalled for nothing.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            var installed = 0;
            var shipped = Directory.EnumerateFiles(folder, "*.onnx").Order(StringComparer.Ordinal).ToList();
            foreach (var onnxPath in shipped)
            {
                if (await InstallAsync(db, onnxPath, cancellationToken)) installed++;
            }
            foreach (var plot in await RetiredDefaultsAsync(db, shipped.Select(Path.GetFileNameWithoutExtension).OfType<string>(), cancellationToken))
            {
                logger.LogWarning("The active default model for {Plot} is no longer shipped by this release (it missed the quality bar); " +
                    "it stays active until an expert activates another model or none", plot);
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
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(await File.ReadAllTextAsync(cardPath, cancellationToken), ModelCard.Json);
        }
        catch (JsonException exception)
        {
            // One damaged card costs its own model, not the rest of the release.
            logger.LogError("Default model {File} skipped: its model card is not valid JSON ({Reason})", Path.GetFileName(onnxPath), exception.Message);
            return false;
        }
        if (card is null || !ImageName.IsValidPlotName(card.Plot)) return false;
        var onnx = await File.ReadAllBytesAsync(onnxPath, cancellationToken);
        // current: the active default (the one to update, or the new one's parent), if any.
        var (step, current) = await NextStepAsync(db, card.Plot, SHA256.HashData(onnx), cancellationToken);
        switch (step)
        {
            case Step.Leave:
                return false;
            case Step.UpdateThresholds:
                var changed = await registry.ReplaceSweptThresholdsAsync(db, current!.Value, card.Thresholds, BasesOf(card), cancellationToken);
                if (changed > 0) logger.LogInformation("Default model for {Plot}: {Count} thresholds updated from its model card", card.Plot, changed);
                return changed > 0;
        }

        var (imported, error) = await registry.ImportAsync(db, new ModelRegistry.Import(card.Plot, onnx, NameFor(card), current, Origin, card.Thresholds, BasesOf(card)), cancellationToken);
        if (imported is null)
        {
            logger.LogError("Default model for {Plot} refused: {Reason}", card.Plot, error);
            return false;
        }
        var plotTypeId = await db.PlotTypes.Where(p => p.Name == card.Plot).Select(p => p.Id).FirstAsync(cancellationToken);
        var (activation, activationError) = await registry.ActivateAsync(db, imported.ModelId, plotTypeId, ActivatedBy, cancellationToken);
        if (activation is null) logger.LogError("Default model for {Plot} not activated: {Reason}", card.Plot, activationError);
        return activation is not null;
    }

    /// <summary>
    /// The version's name: "default (how it was trained)", cut to the length a name may have. The
    /// thresholds are stored with the version; the history of how calibration moved them stays in
    /// the shipped card.
    /// </summary>
    public static string NameFor(ModelCard card)
    {
        var name = $"default ({card.Source})";
        return name.Length <= ModelRegistry.MaxNameLength ? name : name[..(ModelRegistry.MaxNameLength - 2)] + "…)";
    }

    /// <summary>
    /// Why each threshold the card's history moved stands where it does: the last change's bar and
    /// evidence, which the Library page shows beside the threshold.
    /// </summary>
    public static IReadOnlyDictionary<string, string> BasesOf(ModelCard card) =>
        (card.ThresholdHistory ?? []).GroupBy(c => c.Label).ToDictionary(g => g.Key, g => $"{g.Last().Rule}, on {g.Last().Evidence}");

    /// <summary>
    /// Plot types whose active model is a default this release no longer ships (it fell below the
    /// bar). It stays active, since switching a plot type to NoModel without a person deciding would
    /// silence it; the seeder's log says so instead.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RetiredDefaultsAsync(MonitoringDb db, IEnumerable<string> shipped, CancellationToken cancellationToken)
    {
        var active = await db.Models.Where(m => m.Origin == Origin && db.PlotTypes.Any(p => p.ActiveModelId == m.Id))
            .Select(m => m.PlotType!.Name).ToListAsync(cancellationToken);
        return [.. active.Except(shipped, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private enum Step { Leave, Install, UpdateThresholds }

    /// <summary>
    /// What a shipped model may do: go in when the plot type has no model, or only earlier shipped
    /// defaults with the active one activated by this seeder and its thresholds as evaluated (the
    /// model returned is the parent, the default it replaces); update those thresholds when it is
    /// the very file already active; otherwise leave the plot type alone.
    /// </summary>
    private static async Task<(Step Step, Guid? Model)> NextStepAsync(MonitoringDb db, string plot, byte[] sha256, CancellationToken cancellationToken)
    {
        var models = await db.Models.Where(m => m.PlotType!.Name == plot).Select(m => new { ModelId = m.Id, m.Origin, m.FileSha256 }).ToListAsync(cancellationToken);
        if (models.Count == 0) return (Step.Install, null);
        if (models.Any(m => m.Origin != Origin)) return (Step.Leave, null);

        var plotType = await db.PlotTypes.Where(p => p.Name == plot).Select(p => new { p.Id, p.ActiveModelId }).FirstAsync(cancellationToken);
        if (plotType.ActiveModelId is not { } active) return (Step.Leave, null);
        var lastActivation = await db.ModelActivations.Where(a => a.PlotTypeId == plotType.Id).OrderByDescending(a => a.Id)
            .Select(a => a.ActivatedBy).FirstOrDefaultAsync(cancellationToken);
        if (lastActivation != ActivatedBy) return (Step.Leave, null);
        // SetByExpert as the database can ask it.
        var expertThresholds = await db.ModelThresholds.AnyAsync(t => t.ModelId == active && !ModelThreshold.AutomaticMethods.Contains(t.Method), cancellationToken);
        if (expertThresholds) return (Step.Leave, null);

        var same = models.FirstOrDefault(m => m.FileSha256.AsSpan().SequenceEqual(sha256));
        if (same is null) return (Step.Install, active);
        // The same network: only its card can be newer. An older default shipped again is left alone.
        return same.ModelId == active ? (Step.UpdateThresholds, active) : (Step.Leave, null);
    }
}
