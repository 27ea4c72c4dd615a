namespace Hydra.Models.Serving;

/// <summary>
/// Everything a CAM network says about a batch: probabilities [N, K] and every class's activation
/// map [N, K, h, w], row-major. Kept whole (not only the top class) so a page can ask "why not
/// Good?" without running the model again.
/// </summary>
public sealed record CamBatch(int BatchSize, int Classes, int CamHeight, int CamWidth, float[] Probabilities, float[] Cams)
{
    public float[] Probabilities { get; } = Probabilities.Length == BatchSize * Classes
        ? Probabilities
        : throw new ArgumentException($"{BatchSize} x {Classes} probabilities expected, not {Probabilities.Length}.", nameof(Probabilities));

    public float[] Cams { get; } = Cams.Length == BatchSize * Classes * CamHeight * CamWidth
        ? Cams
        : throw new ArgumentException($"{BatchSize} x {Classes} x {CamHeight} x {CamWidth} CAM values expected, not {Cams.Length}.", nameof(Cams));

    public float Probability(int image, int classIndex) => Probabilities[image * Classes + classIndex];

    public float[] ProbabilitiesOf(int image) => Probabilities.AsSpan(image * Classes, Classes).ToArray();

    public CamMap CamOf(int image, int classIndex)
    {
        var area = CamHeight * CamWidth;
        return new CamMap(CamWidth, CamHeight, Cams.AsSpan((image * Classes + classIndex) * area, area).ToArray());
    }
}
