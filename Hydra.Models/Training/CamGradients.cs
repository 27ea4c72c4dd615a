namespace Hydra.Models.Training;

/// <summary>The gradient of one conv block's parameters, laid out like <see cref="Networks.ConvBlock"/>'s.</summary>
public sealed record ConvGradient(float[] Weights, float[] Bias);

/// <summary>
/// A batch's mean cross-entropy loss and its gradient for every parameter of a
/// <see cref="Networks.CamNetwork"/>, each array in the layout of the parameter it belongs to.
/// </summary>
public sealed record CamGradients(double Loss, IReadOnlyList<ConvGradient> Blocks, float[] HeadWeights, float[] ClassBias);
