namespace Hydra.Models.Networks;

/// <summary>How a <see cref="CamHead"/> turns each class's activation map into that class's logit.</summary>
public enum CamPooling
{
    /// <summary>The map's mean: global average pooling, the classic CAM classifier.</summary>
    Mean,

    /// <summary>
    /// The map's mean plus its maximum. A dead HV board or one hot strip covers a few per cent of
    /// a plot; under the mean alone its evidence is diluted by everything healthy around it, the
    /// maximum lets the worst place speak. GradCAM still equals the CAM: the gradient of a logit
    /// reaches the last features as W[k] / (h w) everywhere plus W[k] at the map's maximum, and
    /// GradCAM averages it over positions, so its channel weights stay proportional to W[k].
    /// </summary>
    MeanAndMax,
}
