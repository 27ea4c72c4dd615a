using System.Diagnostics;
using Hydra.Models.Imaging;
using Hydra.Models.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Hydra.Models.Serving;

/// <summary>
/// One plot type's classifier, served by ONNX Runtime. A model is checked against
/// <see cref="CamContract"/> when it loads, so a bad upload fails there with a reason, not on the
/// first plot of a run. Safe to share between threads: ONNX Runtime's Run is thread-safe.
/// </summary>
public sealed class PlotModel : IDisposable
{
    private static readonly string[] InputNames = [CamContract.InputName];
    private static readonly string[] OutputNames = [CamContract.ProbabilitiesName, CamContract.CamName];
    private static readonly string[] FeatureNames = [CamContract.FeaturesName];
    private static readonly string[] OutputAndFeatureNames = [CamContract.ProbabilitiesName, CamContract.CamName, CamContract.FeaturesName];

    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly ServedContract contract;

    private PlotModel(SessionOptions options, InferenceSession session, ServedContract contract)
    {
        this.options = options;
        this.session = session;
        this.contract = contract;
    }

    /// <summary>Class names in output order, from the model's <c>hydra.labels</c> metadata.</summary>
    public IReadOnlyList<string> Labels => contract.Labels;

    public ImageShape Input => contract.Input;
    public int Channels => contract.Input.Channels;
    public int Height => contract.Input.Height;
    public int Width => contract.Input.Width;

    /// <summary>The activation maps' size when the file fixes it; null when only a run tells.</summary>
    public int? CamHeight => contract.CamHeight;
    public int? CamWidth => contract.CamWidth;

    /// <summary>
    /// True when the model gives its own embedding (<see cref="CamContract.FeaturesName"/>), given
    /// by the file or added at load for a CAM head over a Conv (ADR-010).
    /// </summary>
    public bool HasFeatures => session.OutputMetadata.ContainsKey(CamContract.FeaturesName);

    /// <exception cref="ModelContractException">The bytes are not ONNX, or the model breaks the contract.</exception>
    public static PlotModel Load(byte[] onnx, PlotModelOptions? settings = null)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        if (onnx.Length == 0) throw new ModelContractException("The model file is empty.");
        settings ??= new PlotModelOptions();

        var options = new SessionOptions
        {
            IntraOpNumThreads = settings.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        InferenceSession? session = null;
        try
        {
            try
            {
                session = new InferenceSession(FeatureTap.Tap(onnx), options);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelContractException($"The {onnx.Length} bytes are not a model ONNX Runtime can load: {e.Message}", e);
            }
            return new PlotModel(options, session, ServedContract.Read(session));
        }
        catch
        {
            session?.Dispose();
            options.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one all-zero image so ONNX Runtime allocates its buffers and picks its kernels before
    /// the first real plot arrives, and so a model whose outputs break the contract at run time
    /// fails now. Returns how long that first run took, worth a log line: it is the latency the
    /// first plot would otherwise have paid.
    /// </summary>
    public TimeSpan WarmUp()
    {
        var started = Stopwatch.GetTimestamp();
        Run(new float[Input.Length], 1);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Runs a batch already laid out as N x C x H x W floats (pixels / 255) in one session run and
    /// returns every class's probability and map.
    /// </summary>
    public CamBatch Run(float[] batch, int batchSize) => RunSession(batch, batchSize, withFeatures: false).Cams;

    /// <summary>One session run for the maps and probabilities and, when asked, the features too: the convolutions run once.</summary>
    private (CamBatch Cams, float[][]? Features) RunSession(float[] batch, int batchSize, bool withFeatures)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (batch.Length != (long)batchSize * Input.Length)
            throw new ArgumentException($"A batch of {batchSize} images of {Input} holds {(long)batchSize * Input.Length} floats, not {batch.Length}.", nameof(batch));

        // The tensor wraps the array (pinned for the run), no copy.
        using var input = OrtValue.CreateTensorValueFromMemory(batch, [batchSize, Channels, Height, Width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, InputNames, [input], withFeatures ? OutputAndFeatureNames : OutputNames);

        var probabilities = outputs[0];
        var probabilitiesShape = probabilities.GetTensorTypeAndShape().Shape;
        var cams = outputs[1];
        var camShape = cams.GetTensorTypeAndShape().Shape;
        if (probabilitiesShape is not [var n, var k] || n != batchSize || k != Labels.Count)
            throw new ModelContractException($"For {batchSize} images the model returned '{CamContract.ProbabilitiesName}' [{string.Join(", ", probabilitiesShape)}], not [{batchSize}, {Labels.Count}].");
        if (camShape is not [var cn, var ck, var h, var w] || cn != batchSize || ck != Labels.Count)
            throw new ModelContractException($"For {batchSize} images the model returned '{CamContract.CamName}' [{string.Join(", ", camShape)}], not [{batchSize}, {Labels.Count}, h, w].");

        var camBatch = new CamBatch(batchSize, Labels.Count, (int)h, (int)w,
            probabilities.GetTensorDataAsSpan<float>().ToArray(), cams.GetTensorDataAsSpan<float>().ToArray());
        return (camBatch, withFeatures ? Vectors(outputs[2], batchSize) : null);
    }

    private static float[][] Vectors(OrtValue features, int batchSize)
    {
        var values = features.GetTensorDataAsSpan<float>();
        var width = values.Length / batchSize;
        var vectors = new float[batchSize][];
        for (var i = 0; i < batchSize; i++) vectors[i] = values.Slice(i * width, width).ToArray();
        return vectors;
    }

    /// <summary>Classifies a batch laid out as N x C x H x W floats, in one session run.</summary>
    public Prediction[] Predict(float[] batch, int batchSize) => Predictions(Run(batch, batchSize));

    private Prediction[] Predictions(CamBatch output)
    {
        var batchSize = output.BatchSize;
        var predictions = new Prediction[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            var probabilities = output.ProbabilitiesOf(i);
            var top = 0;
            for (var k = 1; k < probabilities.Length; k++) if (probabilities[k] > probabilities[top]) top = k;
            predictions[i] = new Prediction(probabilities, top, Labels[top], probabilities[top], output.CamOf(i, top));
        }
        return predictions;
    }

    /// <summary>Classifies images given one tensor each (C x H x W floats), in one session run.</summary>
    public Prediction[] Predict(IReadOnlyList<float[]> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) return [];
        return Predict(Stack(images), images.Count);
    }

    /// <summary>
    /// Classifies images given one tensor each and, when the model has the output, embeds them, in
    /// one session run: the pipeline's call, so the reference similarity costs no second pass.
    /// </summary>
    public (Prediction[] Predictions, float[][]? Features) PredictAndEmbed(IReadOnlyList<float[]> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) return ([], HasFeatures ? [] : null);
        var (cams, features) = RunSession(Stack(images), images.Count, HasFeatures);
        return (Predictions(cams), features);
    }

    /// <summary>One image's tensor after another, as a batch.</summary>
    private float[] Stack(IReadOnlyList<float[]> images)
    {
        var batch = new float[images.Count * Input.Length];
        for (var i = 0; i < images.Count; i++)
        {
            if (images[i].Length != Input.Length)
                throw new ArgumentException($"Image {i} holds {images[i].Length} floats; the model reads {Input} = {Input.Length}.", nameof(images));
            images[i].CopyTo(batch, i * Input.Length);
        }
        return batch;
    }

    /// <summary>
    /// Decodes, resizes and converts each PNG as <see cref="PlotImage"/> does, then classifies them
    /// all in one session run. One unreadable image fails the call, naming its position; a caller
    /// that wants to go on without it prepares tensors with <see cref="PlotImage"/> itself.
    /// </summary>
    /// <exception cref="ImageDecodeException">An image is not a complete PNG.</exception>
    public Prediction[] PredictPngs(IReadOnlyList<byte[]> pngs)
    {
        ArgumentNullException.ThrowIfNull(pngs);
        if (pngs.Count == 0) return [];
        return Predict(Decode(pngs), pngs.Count);
    }

    /// <exception cref="ImageDecodeException">An image is not a complete PNG; the message names its position.</exception>
    private float[] Decode(IReadOnlyList<byte[]> pngs)
    {
        var batch = new float[pngs.Count * Input.Length];
        for (var i = 0; i < pngs.Count; i++)
        {
            try
            {
                PlotImage.ToTensor(pngs[i], Input, batch.AsSpan(i * Input.Length, Input.Length));
            }
            catch (ImageDecodeException e)
            {
                throw new ImageDecodeException($"Image {i} of {pngs.Count}: {e.Message}", e) { Position = i };
            }
        }
        return batch;
    }

    /// <summary>
    /// The plot model's own embedding of each PNG: its last conv block's maps averaged over the
    /// image, one vector per image, in one session run.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no features output (<see cref="HasFeatures"/>).</exception>
    public float[][] EmbedPngs(IReadOnlyList<byte[]> pngs)
    {
        ArgumentNullException.ThrowIfNull(pngs);
        if (!HasFeatures) throw new InvalidOperationException($"This model has no '{CamContract.FeaturesName}' output.");
        if (pngs.Count == 0) return [];
        return Embed(Decode(pngs), pngs.Count);
    }

    /// <summary>
    /// Classifies and embeds PNGs decoded once: the pipeline's call, so the reference similarity
    /// costs one more small session run and no second decode. Features are null without the output.
    /// </summary>
    public (Prediction[] Predictions, float[][]? Features) PredictAndEmbedPngs(IReadOnlyList<byte[]> pngs)
    {
        ArgumentNullException.ThrowIfNull(pngs);
        if (pngs.Count == 0) return ([], HasFeatures ? [] : null);
        var (cams, features) = RunSession(Decode(pngs), pngs.Count, HasFeatures);
        return (Predictions(cams), features);
    }

    private float[][] Embed(float[] batch, int batchSize)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(batch, [batchSize, Channels, Height, Width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, InputNames, [input], FeatureNames);
        return Vectors(outputs[0], batchSize);
    }

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }
}
