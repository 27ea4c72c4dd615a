using Hydra.Models.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace Hydra.Models.Embeddings;

/// <summary>
/// The pretrained ImageNet ResNet18 that the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>
/// package ships, run directly by ONNX Runtime (no ML.NET pipeline): 224 x 224 RGB in, the 512
/// averaged maps of its last block out. The package's build props copy the ONNX files to
/// <c>DnnImageModels/</c> in the output folder; nothing is downloaded at run time.
/// </summary>
public sealed class ResNet18Embedder : IImageEmbedder, IDisposable
{
    public const string Folder = "DnnImageModels";
    public const int Dimensions = 512;

    private static readonly ImageShape InputShape = new(3, 224, 224);
    private readonly SessionOptions options;
    private readonly InferenceSession preprocess;
    private readonly InferenceSession network;
    private readonly string preprocessInput, preprocessOutput, networkInput, networkOutput;

    private ResNet18Embedder(SessionOptions options, InferenceSession preprocess, InferenceSession network)
    {
        this.options = options;
        this.preprocess = preprocess;
        this.network = network;
        preprocessInput = preprocess.InputNames[0];
        preprocessOutput = preprocess.OutputNames[0];
        networkInput = network.InputNames[0];
        networkOutput = network.OutputNames[0];
    }

    public string Name => "resnet18";

    /// <summary>Loads both files from <paramref name="modelsFolder"/> (default: the output folder's <c>DnnImageModels</c>).</summary>
    /// <exception cref="FileNotFoundException">The package's files were not copied there.</exception>
    public static ResNet18Embedder Load(string? modelsFolder = null, int intraOpThreads = 1)
    {
        modelsFolder ??= Path.Combine(AppContext.BaseDirectory, Folder);
        var preprocessFile = Path.Combine(modelsFolder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        var networkFile = Path.Combine(modelsFolder, "ResNet18Onnx", "ResNet18.onnx");
        foreach (var file in new[] { preprocessFile, networkFile })
        {
            if (!File.Exists(file))
                throw new FileNotFoundException($"ResNet18 is not at '{file}': reference the package Microsoft.ML.DnnImageFeaturizer.ResNet18 (IncludeAssets=build) in the project that runs.", file);
        }
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        return new ResNet18Embedder(options, new InferenceSession(preprocessFile, options), new InferenceSession(networkFile, options));
    }

    public float[][] Embed(IReadOnlyList<byte[]> pngs)
    {
        ArgumentNullException.ThrowIfNull(pngs);
        var vectors = new float[pngs.Count][];
        var pixels = new float[InputShape.Length];
        for (var i = 0; i < pngs.Count; i++)
        {
            // The package's preprocessing model takes RGB 0..255, turns it to BGR and subtracts
            // the ImageNet mean image (the CNTK export's convention); the network has a fixed batch of 1.
            PlotImage.ToTensor(pngs[i], InputShape, pixels);
            for (var p = 0; p < pixels.Length; p++) pixels[p] *= 255f;
            using var input = OrtValue.CreateTensorValueFromMemory(pixels, [1, 3, InputShape.Height, InputShape.Width]);
            using var runOptions = new RunOptions();
            using var prepared = preprocess.Run(runOptions, [preprocessInput], [input], [preprocessOutput]);
            using var features = network.Run(runOptions, [networkInput], [prepared[0]], [networkOutput]);
            vectors[i] = features[0].GetTensorDataAsSpan<float>().ToArray();
        }
        return vectors;
    }

    public void Dispose()
    {
        network.Dispose();
        preprocess.Dispose();
        options.Dispose();
    }
}
