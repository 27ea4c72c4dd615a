namespace Hydra.Inference.Models;

/// <summary>
/// One labelled image a model version was made from, with the label it learnt and whether it was
/// held out for the version's own evaluation. The registry's "training set": which images a model
/// has seen, so a later evaluation can judge it on images it has not.
/// </summary>
public sealed class ModelTrainingImage
{
    public Guid ModelId { get; set; }
    public long ImageId { get; set; }
    public required string Label { get; set; }
    public bool HeldOut { get; set; }
}
