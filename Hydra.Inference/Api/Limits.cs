namespace Hydra.Inference.Api;

/// <summary>List endpoints return at most this many rows, whatever a client asks for.</summary>
public static class Limits
{
    public const int Max = 5000;

    public static int Clamp(int? requested, int fallback) => Math.Clamp(requested ?? fallback, 1, Max);
}
