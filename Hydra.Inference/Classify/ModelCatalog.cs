using System.Collections.Concurrent;
using Hydra.Core.Classifications;
using Hydra.Inference.Data;
using Hydra.Inference.Pipeline;
using Hydra.Models;
using Hydra.Models.Imaging;
using Hydra.Models.Serving;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Classify;

/// <summary>
/// The ONNX models the pipeline serves, loaded once per model version and warmed up, so the first
/// image of a run costs no more than the next. A plot type's active model is read with every batch,
/// so activating or rolling back a version takes effect without a restart. Thresholds are re-read
/// every few seconds: an expert's change applies to the next images. Every use of a model holds a
/// <see cref="ModelLease"/>; a version that is no longer active and that nobody has leased for a
/// while is unloaded (<see cref="UnloadIdle"/>), so a replica that evaluates and retrains for
/// months does not keep every version it ever loaded.
/// </summary>
public sealed class ModelCatalog(PreparedInputs prepared, TimeProvider clock, ILogger<ModelCatalog> logger) : IDisposable
{
    private static readonly TimeSpan ThresholdsFreshFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, LoadedModel> _models = new();
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset ReadAt, IReadOnlyDictionary<string, float> Values)> _thresholds = new();
    private readonly ConcurrentDictionary<string, ImageShape> _inputShapes = new(StringComparer.Ordinal);

    /// <summary>
    /// The input shape of the model that last judged this plot type here, for ingest to prepare the
    /// next image in (<see cref="PreparedInputs"/>); null before the first verdict of a model.
    /// </summary>
    public ImageShape? InputShapeFor(string plotName) => _inputShapes.GetValueOrDefault(plotName);

    /// <summary>The model versions loaded here now.</summary>
    public IReadOnlyCollection<Guid> Loaded => [.. _models.Keys];

    public async Task<List<ModelOutcome>> ClassifyAsync(MonitoringDb db, Guid modelId, IReadOnlyList<ImageJob> jobs, CancellationToken cancellationToken)
    {
        ModelLease lease;
        try
        {
            lease = await LeaseAsync(db, modelId, cancellationToken);
        }
        catch (Exception exception) when (exception is ModelContractException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            logger.LogError("Model {ModelId} cannot be served: {Reason}", modelId, exception.Message);
            Forget(modelId);
            return jobs.Select(_ => BatchProcessor.NoModelOutcome(VerdictOutcomes.ModelError)).ToList();
        }
        using var held = lease;
        var model = held.Model;
        var thresholds = await ThresholdsAsync(db, modelId, cancellationToken);

        foreach (var job in jobs) _inputShapes[job.PlotName] = model.Input;
        var outcomes = new ModelOutcome?[jobs.Count];
        var tensors = await InputsAsync(db, model, modelId, jobs, cancellationToken);
        var readable = Enumerable.Range(0, jobs.Count).Where(i => tensors[i] is not null).ToList();

        try
        {
            var inputs = readable.Select(i => tensors[i]!).ToList();
            // The model's own embedding for the reference similarity (ADR-010) comes from the same run.
            var (predictions, features) = model.PredictAndEmbed(inputs);
            for (var k = 0; k < readable.Count; k++) outcomes[readable[k]] = ToOutcome(predictions[k], features?[k], model, modelId, thresholds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One bad input must not cost the batch its verdicts: judge them one by one.
            logger.LogWarning("Batch of {Count} failed in model {ModelId} ({Reason}); classifying one by one", readable.Count, modelId, exception.Message);
            foreach (var i in readable) outcomes[i] = ClassifyOne(model, modelId, thresholds, jobs[i], tensors[i]!);
        }
        return outcomes.Select(o => o ?? BatchProcessor.NoModelOutcome(VerdictOutcomes.ModelError)).ToList();
    }

    /// <summary>
    /// Each job's input tensor: prepared at ingest when this replica has it, else decoded from the
    /// stored PNG. An image that cannot be read gets null (its verdict is ModelError), not the batch.
    /// </summary>
    private async Task<float[]?[]> InputsAsync(MonitoringDb db, PlotModel model, Guid modelId, IReadOnlyList<ImageJob> jobs, CancellationToken cancellationToken)
    {
        var tensors = jobs.Select(j => prepared.Take(j.ImageId, model.Input)).ToArray();
        var missing = jobs.Where((_, i) => tensors[i] is null).Select(j => j.ImageId).ToList();
        if (missing.Count == 0) return tensors;

        var pngs = await db.ImageContents.Where(c => missing.Contains(c.ImageId)).ToDictionaryAsync(c => c.ImageId, c => c.Png, cancellationToken);
        for (var i = 0; i < jobs.Count; i++)
        {
            if (tensors[i] is not null || !pngs.TryGetValue(jobs[i].ImageId, out var png)) continue;
            try
            {
                tensors[i] = PlotImage.ToTensor(png, model.Input);
            }
            catch (ImageDecodeException exception)
            {
                logger.LogError("Model {ModelId} could not read image {ImageId} ({Plot} run {Run} chunk {Chunk}): {Reason}",
                    modelId, jobs[i].ImageId, jobs[i].PlotName, jobs[i].RunNumber, jobs[i].Chunk, exception.Message);
            }
        }
        return tensors;
    }

    private ModelOutcome ClassifyOne(PlotModel model, Guid modelId, IReadOnlyDictionary<string, float> thresholds, ImageJob job, float[] tensor)
    {
        try
        {
            var (predictions, features) = model.PredictAndEmbed([tensor]);
            return ToOutcome(predictions[0], features?[0], model, modelId, thresholds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError("Model {ModelId} could not judge image {ImageId} ({Plot} run {Run} chunk {Chunk}): {Reason}",
                modelId, job.ImageId, job.PlotName, job.RunNumber, job.Chunk, exception.Message);
            return BatchProcessor.NoModelOutcome(VerdictOutcomes.ModelError);
        }
    }

    private static ModelOutcome ToOutcome(Prediction prediction, float[]? features, PlotModel model, Guid modelId, IReadOnlyDictionary<string, float> thresholds)
    {
        var scores = new Dictionary<string, float>(model.Labels.Count);
        for (var c = 0; c < model.Labels.Count; c++) scores[model.Labels[c]] = prediction.Probabilities[c];
        return new ModelOutcome(prediction.TopLabel, prediction.TopScore, scores, modelId, prediction.Cam.ToBytes(), thresholds) { Features = features };
    }

    /// <summary>
    /// Loads (once) and warms up a model version, and holds it for the caller until the lease is
    /// disposed: a version is never unloaded while a lease on it is open.
    /// </summary>
    public async Task<ModelLease> LeaseAsync(MonitoringDb db, Guid modelId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = _models.GetOrAdd(modelId, id => new LoadedModel(new Lazy<Task<PlotModel>>(() => LoadAsync(db, id, cancellationToken))));
            // Unloading takes the same lock: a lease either lands before it (and keeps the model)
            // or finds the entry gone and loads the version afresh.
            if (!entry.TryAcquire()) continue;
            try
            {
                return new ModelLease(await entry.Load.Value, () => entry.Release(clock.GetUtcNow()));
            }
            catch
            {
                entry.Release(clock.GetUtcNow());
                throw;
            }
        }
    }

    /// <summary>Loads and warms a version without holding it (it stays loaded until idle): proof that it can be served.</summary>
    public async Task WarmAsync(MonitoringDb db, Guid modelId, CancellationToken cancellationToken)
    {
        using var lease = await LeaseAsync(db, modelId, cancellationToken);
    }

    /// <summary>An expert changed a threshold here: this replica applies it to the next image (others within seconds).</summary>
    public void ThresholdsChanged(Guid modelId) => _thresholds.TryRemove(modelId, out _);

    /// <summary>Drops a version that failed to load, so a later attempt loads it afresh.</summary>
    public void Forget(Guid modelId) => _models.TryRemove(modelId, out _);

    /// <summary>
    /// Unloads every loaded version that is not in <paramref name="keep"/> (the active ones), has no
    /// open lease and was last released at least <paramref name="idleFor"/> ago. Returns those unloaded.
    /// </summary>
    public IReadOnlyList<Guid> UnloadIdle(IReadOnlySet<Guid> keep, TimeSpan idleFor)
    {
        var unloaded = new List<Guid>();
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _models)
        {
            if (keep.Contains(id) || !entry.TryRetire(now - idleFor)) continue;
            _models.TryRemove(new KeyValuePair<Guid, LoadedModel>(id, entry));
            if (entry.Load is { IsValueCreated: true, Value.IsCompletedSuccessfully: true }) entry.Load.Value.Result.Dispose();
            unloaded.Add(id);
            logger.LogInformation("Model {ModelId} unloaded: not active and unused for {Idle}", id, idleFor);
        }
        return unloaded;
    }

    /// <summary>Loads and warms every active model at start, so the first images wait for nothing.</summary>
    public async Task PreloadActiveAsync(MonitoringDb db, CancellationToken cancellationToken)
    {
        var active = await db.PlotTypes.Where(p => p.ActiveModelId != null).Select(p => p.ActiveModelId!.Value).Distinct().ToListAsync(cancellationToken);
        foreach (var id in active)
        {
            try { await WarmAsync(db, id, cancellationToken); }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Forget(id);
                logger.LogError("Active model {ModelId} failed to load: {Reason}", id, exception.Message);
            }
        }
    }

    private async Task<PlotModel> LoadAsync(MonitoringDb db, Guid modelId, CancellationToken cancellationToken)
    {
        var onnx = await db.ModelFiles.Where(f => f.ModelId == modelId).Select(f => f.Onnx).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"model {modelId} has no ONNX file");
        var model = PlotModel.Load(onnx);
        var warmUp = model.WarmUp();
        logger.LogInformation("Model {ModelId} loaded ({Labels}; input {Channels}x{Height}x{Width}); warm-up took {WarmUp:0} ms",
            modelId, string.Join(", ", model.Labels), model.Channels, model.Height, model.Width, warmUp.TotalMilliseconds);
        return model;
    }

    private async Task<IReadOnlyDictionary<string, float>> ThresholdsAsync(MonitoringDb db, Guid modelId, CancellationToken cancellationToken)
    {
        if (_thresholds.TryGetValue(modelId, out var cached) && DateTimeOffset.UtcNow - cached.ReadAt < ThresholdsFreshFor) return cached.Values;
        var values = await db.ModelThresholds.Where(t => t.ModelId == modelId).ToDictionaryAsync(t => t.Classification, t => t.Threshold, cancellationToken);
        _thresholds[modelId] = (DateTimeOffset.UtcNow, values);
        return values;
    }

    public void Dispose()
    {
        foreach (var entry in _models.Values.Where(e => e.Load is { IsValueCreated: true, Value.IsCompletedSuccessfully: true })) entry.Load.Value.Result.Dispose();
    }

    /// <summary>A loaded (or loading) version with the count of its open leases.</summary>
    private sealed class LoadedModel(Lazy<Task<PlotModel>> load)
    {
        private readonly Lock _gate = new();
        private int _leases;
        private bool _retired;
        private DateTimeOffset _lastReleased = DateTimeOffset.MinValue; // idleness counts from here

        public Lazy<Task<PlotModel>> Load { get; } = load;

        public bool TryAcquire()
        {
            lock (_gate)
            {
                if (_retired) return false;
                _leases++;
                return true;
            }
        }

        public void Release(DateTimeOffset at)
        {
            lock (_gate)
            {
                _leases--;
                _lastReleased = at;
            }
        }

        /// <summary>Marks the entry unloaded if nobody holds it and it was last used before <paramref name="idleSince"/>.</summary>
        public bool TryRetire(DateTimeOffset idleSince)
        {
            lock (_gate)
            {
                if (_retired || _leases > 0 || _lastReleased > idleSince || !Load.IsValueCreated || !Load.Value.IsCompleted) return false;
                _retired = true;
                return true;
            }
        }
    }
}

/// <summary>A model version in use: while the lease is open the catalog keeps it loaded.</summary>
public sealed class ModelLease(PlotModel model, Action release) : IDisposable
{
    private int _released;

    public PlotModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release();
    }
}
