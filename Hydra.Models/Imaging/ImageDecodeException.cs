namespace Hydra.Models.Imaging;

/// <summary>
/// Bytes that are not a complete image: a corrupt or half-written file from the monitoring
/// program. A distinct type so the pipeline can set that plot aside and go on with the others.
/// </summary>
public sealed class ImageDecodeException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>
    /// Where the image was in the list it came in (a batch, a training set), when it came in one:
    /// the caller knows which file or stored image that is and can name it.
    /// </summary>
    public int? Position { get; init; }
}
