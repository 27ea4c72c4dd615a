using Hydra.Models.Serving;

namespace Hydra.Models.Embeddings;

/// <summary>
/// The plot type's own classifier as the encoder: its last conv features, averaged over the
/// image (<see cref="PlotModel.EmbedPngs"/>). Trained on this plot type's Good and Bad images, so
/// it looks at what matters for a verdict, but it exists only for plot types with a model.
/// </summary>
public sealed class PlotFeatureEmbedder(PlotModel model) : IImageEmbedder
{
    public string Name => "plot-model";

    public float[][] Embed(IReadOnlyList<byte[]> pngs) => model.EmbedPngs(pngs);
}
