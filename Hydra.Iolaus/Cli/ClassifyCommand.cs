using System.Text.Json;
using Hydra.Models.Imaging;
using Hydra.Models.Serving;
using Hydra.Models.Training;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>classify</c>: runs a trained model (ONNX, served by ONNX Runtime exactly as Inference serves
/// it) over PNGs and prints each image's verdict, e.g. to check a default model against a streamed
/// run: <c>stream --inbox X --interval 0 --chunks 20 --schedule demo-run.txt --plots P</c>, then
/// <c>classify --model P.onnx --images X --plot P</c>. With the model card next to the model (or
/// <c>--card</c>), a verdict is "confirmed" when its probability reaches the card's threshold, as
/// Inference's judge decides. A damaged PNG gets a "damaged" line instead of a verdict, and the
/// exit code 1 once every image has been read.
/// </summary>
public static class ClassifyCommand
{
    public const string Usage = "classify --model FILE.onnx --images FOLDER|FILE [--plot NAME] [--card FILE.json]   verdicts of a model over PNGs";

    public static int Run(Arguments args, TextWriter output)
    {
        var modelFile = args.String("model") ?? throw new UsageException("classify needs --model FILE.onnx");
        var images = args.String("images") ?? throw new UsageException("classify needs --images FOLDER or FILE");
        var plot = args.String("plot");
        var cardFile = args.String("card") ?? Path.ChangeExtension(modelFile, ".json");
        args.RejectUnknown();
        if (!File.Exists(modelFile)) throw new UsageException($"model '{modelFile}' does not exist");

        var files = File.Exists(images) ? [images]
            : Directory.Exists(images) ? Directory.EnumerateFiles(images, "*.png", SearchOption.AllDirectories)
                // A render or stream names images <PLOT>_<chunk>.png, a dataset keeps them in a <PLOT> folder.
                .Where(f => plot is null || Path.GetFileName(f).StartsWith(plot + "_", StringComparison.Ordinal)
                    || Path.GetFileName(Path.GetDirectoryName(f)) == plot)
                .Order(StringComparer.Ordinal).ToArray()
            : throw new UsageException($"'{images}' is neither a file nor a folder");
        var thresholds = File.Exists(cardFile)
            ? JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(cardFile), ModelCard.Json)!.Thresholds
            : new Dictionary<string, float>();

        using var model = PlotModel.Load(File.ReadAllBytes(modelFile));
        var damaged = 0;
        foreach (var file in files)
        {
            var name = File.Exists(images) ? Path.GetFileName(file) : Path.GetRelativePath(images, file);
            Prediction prediction;
            try
            {
                prediction = model.PredictPngs([File.ReadAllBytes(file)])[0];
            }
            catch (ImageDecodeException e)
            {
                // One damaged image must not hide the verdicts of the others: it is named, and the exit code says so.
                output.WriteLine($"{name,-40} damaged  {e.InnerException?.Message ?? e.Message}");
                damaged++;
                continue;
            }
            var confirmed = thresholds.TryGetValue(prediction.TopLabel, out var threshold) ? prediction.TopScore >= threshold ? " confirmed" : " below threshold" : "";
            var all = string.Join(" ", model.Labels.Select((l, k) => $"{l} {prediction.Probabilities[k]:0.000}"));
            output.WriteLine($"{name,-40} {prediction.TopLabel,-8}{confirmed,-17} {all}");
        }
        return damaged == 0 ? 0 : 1;
    }
}
