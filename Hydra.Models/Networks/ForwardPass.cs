using Hydra.Models.Serving;

namespace Hydra.Models.Networks;

/// <summary>
/// What the reference forward pass computed: the last feature maps (before the head), the logits
/// and the served output. The features are kept so a test can check that GAP + linear on them
/// gives the same logits as GAP of the CAM.
/// </summary>
public sealed record ForwardPass(FeatureMaps Features, float[] Logits, CamBatch Output);
