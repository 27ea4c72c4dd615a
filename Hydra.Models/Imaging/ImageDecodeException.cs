namespace Hydra.Models.Imaging;

/// <summary>
/// Bytes that are not a complete image: a corrupt or half-written file from the monitoring
/// program. A distinct type so the pipeline can set that plot aside and go on with the others.
/// </summary>
public sealed class ImageDecodeException(string message, Exception? innerException = null)
    : Exception(message, innerException);
