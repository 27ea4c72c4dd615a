namespace Hydra.Models.Serving;

/// <summary>
/// A model file that cannot be served: not ONNX at all, or ONNX that breaks <see cref="CamContract"/>.
/// The message names what is wrong so whoever uploaded the file can fix the export.
/// </summary>
public sealed class ModelContractException(string message, Exception? innerException = null)
    : Exception(message, innerException);
