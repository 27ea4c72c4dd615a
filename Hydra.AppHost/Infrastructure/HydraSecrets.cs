using System.Security.Cryptography;

namespace Hydra.AppHost.Infrastructure;

/// <summary>
/// The secrets the services share (ADR-011), as Aspire secret parameters so a deployment sets them
/// like any other secret (<c>Parameters:inference-service-key</c>, <c>Parameters:admin-password</c>):
/// <list type="bullet">
/// <item>the service key Web and the Assistant present to Inference: random at each start unless set;</item>
/// <item>the first Admin's password: unless set, generated once into <c>&lt;DataPath&gt;/admin-password</c>
/// and printed at start, because the account is created once and must keep matching it.</item>
/// </list>
/// </summary>
public static class HydraSecrets
{
    public const string ServiceKeyParameter = "inference-service-key";
    public const string AdminPasswordParameter = "admin-password";
    public const string AdminUserName = "admin";
    public const string ServiceKeyVariable = "Hydra__Auth__ServiceKey";

    public static (IResourceBuilder<ParameterResource> ServiceKey, IResourceBuilder<ParameterResource> AdminPassword) AddHydraSecrets(
        this IDistributedApplicationBuilder builder, string dataFolder)
    {
        var serviceKey = builder.Configuration[$"Parameters:{ServiceKeyParameter}"] ?? RandomSecret();
        var configuredPassword = builder.Configuration[$"Parameters:{AdminPasswordParameter}"];
        var adminPassword = configuredPassword ?? EnsureAdminPassword(dataFolder);
        if (configuredPassword is null)
        {
            // The dev login must be obvious on a fresh machine: say it where ./eng/up.sh shows output.
            Console.WriteLine($"Hydra sign-in: user '{AdminUserName}', password '{adminPassword}' (kept in {Path.Combine(dataFolder, "admin-password")}; set Parameters:{AdminPasswordParameter} to choose it)");
        }
        return (builder.AddParameter(ServiceKeyParameter, serviceKey, secret: true),
                builder.AddParameter(AdminPasswordParameter, adminPassword, secret: true));
    }

    public static string RandomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string EnsureAdminPassword(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var file = Path.Combine(dataFolder, "admin-password");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing) return existing;
        // Four groups of five letters: long enough (Identity asks for 10), easy to type from a terminal.
        var password = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz", 5)));
        File.WriteAllText(file, password);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }
}
