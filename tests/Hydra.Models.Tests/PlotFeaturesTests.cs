using Hydra.Models.Embeddings;

namespace Hydra.Models.Tests;

/// <summary>The plot model's own embedding (ADR-010): added at load, and exactly what the CAM head reads.</summary>
public sealed class PlotFeaturesTests
{
    [Fact]
    public void A_cam_model_without_a_features_output_gets_one_at_load()
    {
        var network = TestModels.Network(channels: 3);
        using var model = TestModels.Load(network);

        Assert.True(model.HasFeatures);
        var vectors = model.EmbedPngs([TestModels.PlotPng(1), TestModels.PlotPng(2)]);
        Assert.Equal(2, vectors.Length);
        Assert.All(vectors, v => Assert.Equal(network.Head.Features, v.Length));
    }

    [Fact]
    public void One_run_gives_the_same_verdicts_and_features_as_two()
    {
        using var model = TestModels.Load(TestModels.Network(channels: 3, seed: 13));
        var pngs = new[] { TestModels.PlotPng(3), TestModels.PlotPng(4) };
        var tensors = pngs.Select(png => Imaging.PlotImage.ToTensor(png, model.Input)).ToList();

        var (predictions, features) = model.PredictAndEmbed(tensors);

        Assert.Equal(model.PredictPngs(pngs).Select(p => p.Probabilities), predictions.Select(p => p.Probabilities));
        Assert.Equal(model.EmbedPngs(pngs), features);
    }

    [Fact]
    public void The_features_are_what_the_head_turns_into_probabilities()
    {
        // softmax(W f + b) must equal the model's probabilities: the tapped output is the head's input.
        var network = TestModels.Network(channels: 3, seed: 11);
        using var model = TestModels.Load(network);
        var png = TestModels.PlotPng(5);

        var features = model.EmbedPngs([png])[0];
        var probabilities = model.PredictPngs([png])[0].Probabilities;

        var head = network.Head;
        var logits = new double[head.Classes];
        for (var k = 0; k < head.Classes; k++)
        {
            logits[k] = head.ClassBias[k];
            for (var f = 0; f < head.Features; f++) logits[k] += head.Weights[k * head.Features + f] * features[f];
        }
        var max = logits.Max();
        var sum = logits.Sum(l => Math.Exp(l - max));
        for (var k = 0; k < head.Classes; k++) Assert.Equal(Math.Exp(logits[k] - max) / sum, probabilities[k], 4);
    }

    [Fact]
    public void An_image_is_fully_similar_to_itself_and_less_to_another()
    {
        using var model = TestModels.Load(TestModels.Network(channels: 3, seed: 3));
        var embedder = new PlotFeatureEmbedder(model);
        var vectors = embedder.Embed([TestModels.PlotPng(1), TestModels.PlotPng(1), TestModels.PlotPng(9)]);

        Assert.Equal(1f, Similarity.ZeroToOne(vectors[0], vectors[1]), 5);
        Assert.InRange(Similarity.ZeroToOne(vectors[0], vectors[2]), 0f, 0.99999f);
    }
}
