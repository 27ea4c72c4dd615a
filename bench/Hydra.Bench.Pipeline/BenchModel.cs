using Hydra.Bench;
using Hydra.Inference.Data;
using Hydra.Inference.Models;

namespace Hydra.Bench.Pipeline;

/// <summary>The benchmark's model (<see cref="BenchImages.Onnx"/>) as a registry row, written straight into the database.</summary>
public static class BenchModel
{
    public static ModelVersion Version(int plotTypeId)
    {
        var onnx = BenchImages.Onnx();
        return new ModelVersion
        {
            Id = Guid.NewGuid(), PlotTypeId = plotTypeId, Name = "bench", CreatedAt = DateTimeOffset.UtcNow, Labels = [.. BenchImages.ModelLabels],
            InputChannels = 1, InputHeight = BenchImages.ModelHeight, InputWidth = BenchImages.ModelWidth, FileSha256 = System.Security.Cryptography.SHA256.HashData(onnx),
            Origin = "trained", File = new ModelFile { Onnx = onnx },
        };
    }
}
