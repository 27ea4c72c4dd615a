namespace Hydra.Models.Networks;

/// <summary>
/// The class-activation-map head: a 1 x 1 convolution without bias from the last F feature maps
/// to one map per class, then a global average and a per-class bias.
/// <para>
/// Averaging and a linear map commute, so GAP(W * F) + b = W * GAP(F) + b: this is exactly the
/// usual "global average pool, then linear layer" classifier, trained the same way, but the maps
/// before the average are kept. For this head GradCAM equals the CAM: the gradient of a logit
/// with respect to the last feature maps is W[k] / (h * w) at every position, so GradCAM's
/// channel weights are W[k] up to a constant and its map is the CAM's.
/// </para>
/// </summary>
public sealed record CamHead
{
    public CamHead(int features, int classes, float[] weights, float[] classBias)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(classBias);
        if (weights.Length != classes * features)
            throw new ArgumentException($"Head weights hold {weights.Length} values, not {classes} x {features}.", nameof(weights));
        if (classBias.Length != classes)
            throw new ArgumentException($"Class bias holds {classBias.Length} values, not {classes}.", nameof(classBias));

        Features = features;
        Classes = classes;
        Weights = weights;
        ClassBias = classBias;
    }

    /// <summary>F: the channels of the last feature maps.</summary>
    public int Features { get; }

    /// <summary>K: the classes.</summary>
    public int Classes { get; }

    /// <summary>[K, F], row-major.</summary>
    public float[] Weights { get; }

    /// <summary>How each class map becomes its logit (before the class bias); the average unless set.</summary>
    public CamPooling Pooling { get; init; } = CamPooling.Mean;

    /// <summary>[K], added after the average (a bias on the 1 x 1 convolution would do the same, but only this form keeps the CAM's zero meaningful).</summary>
    public float[] ClassBias { get; }
}
