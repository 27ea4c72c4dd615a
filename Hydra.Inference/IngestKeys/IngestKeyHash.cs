using System.Security.Cryptography;
using System.Text;

namespace Hydra.Inference.IngestKeys;

public static class IngestKeyHash
{
    public const string KeyPrefix = "hyd_";

    /// <summary>A new key: a recognisable prefix (secret scanners find it in a leaked file) and 32 random bytes.</summary>
    public static string NewKey() => KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key[..Math.Min(key.Length, KeyPrefix.Length + 6)];
}
