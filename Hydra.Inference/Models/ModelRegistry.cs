using System.Security.Cryptography;
using Hydra.Core.Monitoring;
using Hydra.Inference.Classify;
using Hydra.Inference.Data;
using Hydra.Inference.PlotTypes;
using Hydra.Models;
using Hydra.Models.Serving;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Models;

/// <summary>
/// Model versions per plot type: import (any ONNX file meeting the cam-v1 contract), activate, roll
/// back, and expert threshold overrides. Versions are never changed or deleted, only pointed at, so
/// a rollback is always possible and every old verdict still names the model that made it.
/// </summary>
public sealed class ModelRegistry(PlotTypeRegistry plotTypes, ModelCatalog catalog, IOptionsMonitor<HydraOptions> options)
{
    /// <param name="SweptThresholds">Per-class thresholds a held-out evaluation chose (stored as "max_f1"); other classes get the default ("init").</param>
    /// <param name="Bases">For classes whose swept threshold was then held to a false-alarm bar: the bar and its evidence (stored as "false_alarm_bar").</param>
    public sealed record Import(string PlotName, byte[] Onnx, string Name, Guid? ParentModelId, string Origin,
        IReadOnlyDictionary<string, float>? SweptThresholds = null, IReadOnlyDictionary<string, string>? Bases = null);

    /// <summary>The longest a version's name may be (the column's length).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Stores a new version with its swept thresholds, or the default ("init") one per class; does not activate it.</summary>
    public async Task<(ModelView? Model, string? Error)> ImportAsync(MonitoringDb db, Import import, CancellationToken cancellationToken)
    {
        if (!ImageName.IsValidPlotName(import.PlotName)) return (null, $"'{ImageName.Printable(import.PlotName)}' is not a plot name");
        if (string.IsNullOrWhiteSpace(import.Name) || import.Name.Length > MaxNameLength) return (null, $"name: 1 to {MaxNameLength} characters");

        IReadOnlyList<string> labels;
        ImageShape input;
        try
        {
            using var model = PlotModel.Load(import.Onnx);
            (labels, input) = (model.Labels, model.Input);
        }
        catch (ModelContractException exception)
        {
            return (null, $"not a Hydra model (cam-v1 contract): {exception.Message}");
        }
        if (import.ParentModelId is { } parent && !await db.Models.AnyAsync(m => m.Id == parent, cancellationToken))
        {
            return (null, $"parent model {parent} does not exist");
        }

        var plotTypeId = await plotTypes.GetOrRegisterAsync(db, import.PlotName, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var version = new ModelVersion
        {
            Id = Guid.CreateVersion7(),
            PlotTypeId = plotTypeId,
            Name = import.Name.Trim(),
            ParentModelId = import.ParentModelId,
            CreatedAt = now,
            Labels = [.. labels],
            InputChannels = input.Channels,
            InputHeight = input.Height,
            InputWidth = input.Width,
            FileSha256 = SHA256.HashData(import.Onnx),
            Origin = import.Origin,
            File = new ModelFile { Onnx = import.Onnx },
        };
        foreach (var label in labels)
        {
            float value = 0;
            var swept = import.SweptThresholds is { } thresholds && thresholds.TryGetValue(label, out value);
            var threshold = new ModelThreshold
            {
                Classification = label, Threshold = swept ? value : options.CurrentValue.Judge.DefaultThreshold, Method = swept ? ModelThreshold.Swept : ModelThreshold.Initial, SetAt = now,
            };
            if (swept) (threshold.Method, threshold.Basis) = Automatic(import.Bases?.GetValueOrDefault(label));
            version.Thresholds.Add(threshold);
        }
        db.Models.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return (await ModelViews.Views(db.Models.Where(m => m.Id == version.Id)).FirstAsync(cancellationToken), null);
    }

    /// <summary>
    /// Makes a version the plot type's active one. It is loaded and warmed up first, so a model that
    /// ONNX Runtime cannot run is refused here, not discovered by the next image.
    /// </summary>
    public async Task<(ActivationView? Activation, string? Error)> ActivateAsync(MonitoringDb db, Guid? modelId, int plotTypeId, string by, CancellationToken cancellationToken)
    {
        if (modelId is { } id)
        {
            var belongs = await db.Models.AnyAsync(m => m.Id == id && m.PlotTypeId == plotTypeId, cancellationToken);
            if (!belongs) return (null, $"model {id} is not a model of this plot type");
            try
            {
                await catalog.WarmAsync(db, id, cancellationToken);
            }
            catch (Exception exception) when (exception is ModelContractException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                catalog.Forget(id);
                return (null, $"model {id} cannot be served: {exception.Message}");
            }
        }

        var plot = await db.PlotTypes.FirstAsync(p => p.Id == plotTypeId, cancellationToken);
        plot.ActiveModelId = modelId;
        var activation = new ModelActivation { PlotTypeId = plotTypeId, ModelId = modelId, ActivatedAt = DateTimeOffset.UtcNow, ActivatedBy = by };
        db.ModelActivations.Add(activation);
        await db.SaveChangesAsync(cancellationToken);
        return (new ActivationView(plot.Name, modelId, activation.ActivatedAt, by), null);
    }

    /// <summary>Re-activates the model that was active before the current one (or none, if there was none).</summary>
    public async Task<(ActivationView? Activation, string? Error)> RollBackAsync(MonitoringDb db, int plotTypeId, string by, CancellationToken cancellationToken)
    {
        var history = await db.ModelActivations.Where(a => a.PlotTypeId == plotTypeId)
            .OrderByDescending(a => a.ActivatedAt).ThenByDescending(a => a.Id).Take(2).ToListAsync(cancellationToken);
        if (history.Count == 0) return (null, "this plot type never had an active model");
        return await ActivateAsync(db, history.Count > 1 ? history[1].ModelId : null, plotTypeId, by, cancellationToken);
    }

    /// <summary>
    /// New evaluated thresholds for a version nobody has tuned (a release whose model card moved
    /// the thresholds of the same network), with the false-alarm bars some were held to. Returns how
    /// many classes changed.
    /// </summary>
    public async Task<int> ReplaceSweptThresholdsAsync(MonitoringDb db, Guid modelId, IReadOnlyDictionary<string, float> thresholds,
        IReadOnlyDictionary<string, string>? bases, CancellationToken cancellationToken)
    {
        var rows = await db.ModelThresholds.Where(t => t.ModelId == modelId).ToListAsync(cancellationToken);
        var changed = rows.Where(row => thresholds.ContainsKey(row.Classification))
            .Select(row => (Row: row, Threshold: thresholds[row.Classification], Automatic: Automatic(bases?.GetValueOrDefault(row.Classification))))
            .Where(w => (w.Row.Threshold, w.Row.Method, w.Row.Basis) != (w.Threshold, w.Automatic.Method, w.Automatic.Basis)).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var (row, threshold, (method, basis)) in changed)
            (row.Threshold, row.Method, row.Basis, row.SetAt) = (threshold, method, basis, now);
        if (changed.Count == 0) return 0;
        await db.SaveChangesAsync(cancellationToken);
        catalog.ThresholdsChanged(modelId);
        return changed.Count;
    }

    /// <summary>An automatic threshold's method and basis: held to a false-alarm bar when there is a basis (cut to the column), else swept for max F1.</summary>
    private static (string Method, string? Basis) Automatic(string? basis) => basis switch
    {
        null => (ModelThreshold.Swept, null),
        { Length: > ModelThreshold.MaxBasisLength } => (ModelThreshold.FalseAlarmBar, basis[..(ModelThreshold.MaxBasisLength - 1)] + "…"),
        _ => (ModelThreshold.FalseAlarmBar, basis),
    };

    /// <summary>An expert's threshold for one class; the method becomes their name, as in the original.</summary>
    public async Task<(ThresholdView? Threshold, string? Error)> SetThresholdAsync(MonitoringDb db, Guid modelId, string classification, ThresholdRequest request, CancellationToken cancellationToken)
    {
        if (!float.IsFinite(request.Threshold) || request.Threshold is < 0 or > 1) return (null, "threshold: a number from 0 to 1");
        if (string.IsNullOrWhiteSpace(request.SetBy) || request.SetBy.Length > 100) return (null, "setBy: the expert's name, 1 to 100 characters");
        var threshold = await db.ModelThresholds.FirstOrDefaultAsync(t => t.ModelId == modelId && t.Classification == classification, cancellationToken);
        if (threshold is null) return (null, $"model {modelId} has no class '{ImageName.Printable(classification)}'");

        threshold.Threshold = request.Threshold;
        threshold.Method = request.SetBy.Trim();
        threshold.SetBy = request.SetBy.Trim();
        threshold.Basis = null;
        threshold.SetAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        catalog.ThresholdsChanged(modelId);
        return (new ThresholdView(threshold.Classification, threshold.Threshold, threshold.Method, threshold.SetBy, threshold.SetAt, threshold.Basis), null);
    }
}
