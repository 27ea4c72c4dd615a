using Hydra.Models.Serving;
using Onnx;

namespace Hydra.Models.Tests;

public class ModelContractTests
{
    [Fact]
    public void GarbageBytesAreRefusedWithAReason()
    {
        var garbage = new byte[4096];
        new Random(3).NextBytes(garbage);

        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load(garbage));

        Assert.Contains("not a model ONNX Runtime can load", error.Message);
    }

    [Fact]
    public void AnEmptyFileIsRefused()
    {
        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load([]));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void AModelWithoutLabelsIsRefused()
    {
        var onnx = TestModels.Edited(TestModels.Network(), m => TestModels.SetMetadata(m, "hydra.labels", null));

        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load(onnx));

        Assert.Contains("no 'hydra.labels'", error.Message);
    }

    [Fact]
    public void LabelsThatDoNotMatchTheClassesAreRefused()
    {
        var onnx = TestModels.Edited(TestModels.Network(), m => TestModels.SetMetadata(m, "hydra.labels", "Good,Bad"));

        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load(onnx));

        Assert.Contains("names 2 labels (Good, Bad) but 'probabilities' has 3 classes", error.Message);
    }

    [Fact]
    public void AModelWithoutTheCamOutputIsRefused()
    {
        var onnx = TestModels.Edited(TestModels.Network(), m => m.Graph.Output.Remove(m.Graph.Output.Single(o => o.Name == "cam")));

        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load(onnx));

        Assert.Contains("no output named 'cam' (its outputs: probabilities)", error.Message);
    }

    [Fact]
    public void AModelReadingBytesInsteadOfFloatsIsRefused()
    {
        // What an exporter that folded the / 255 into the graph would write: uint8 in, Cast to float.
        var onnx = TestModels.Edited(TestModels.Network(), m =>
        {
            m.Graph.Input[0].Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Uint8;
            m.Graph.Node[0].Input[0] = "image.float";
            var cast = new NodeProto { OpType = "Cast", Name = "cast", Input = { "image" }, Output = { "image.float" } };
            cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (int)TensorProto.Types.DataType.Float });
            m.Graph.Node.Insert(0, cast);
        });

        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load(onnx));

        Assert.Contains("'image' holds UInt8, not float32", error.Message);
    }

    [Fact]
    public void AModelWithAFixedBatchIsRefused()
    {
        var onnx = TestModels.Edited(TestModels.Network(), m =>
            m.Graph.Input[0].Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimValue = 1 });

        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load(onnx));

        Assert.Contains("batch dimension of 'image' is fixed at 1", error.Message);
    }

    [Fact]
    public void ANewerContractVersionIsRefused()
    {
        var onnx = TestModels.Edited(TestModels.Network(), m => TestModels.SetMetadata(m, "hydra.contract", "cam-v2"));

        var error = Assert.Throws<ModelContractException>(() => PlotModel.Load(onnx));

        Assert.Contains("'cam-v2'", error.Message);
    }

    [Fact]
    public void AForeignExportWithLabelsButNoContractKeyLoads()
    {
        // A PyTorch export whose author added only the labels: judged by its shapes, it qualifies.
        var onnx = TestModels.Edited(TestModels.Network(), m =>
        {
            TestModels.SetMetadata(m, "hydra.contract", null);
            TestModels.SetMetadata(m, "hydra.labels", "Good, Bad, NoData");
            m.ProducerName = "pytorch";
        });

        using var model = PlotModel.Load(onnx);

        Assert.Equal(["Good", "Bad", "NoData"], model.Labels);
    }
}
