using System.Security.Cryptography;

namespace Hydra.AppHost.LocalInfrastructure;

/// <summary>
/// Where local mode keeps PostgreSQL's cluster and Redis's append-only file between runs, and the
/// generated passwords that go with them.
/// </summary>
public static class LocalDataFolder
{
    /// <summary>
    /// The configured folder, else /var/lib/hydra for root (the postgres user must be able to reach
    /// it, and /root is closed to other users), else $XDG_DATA_HOME/hydra or ~/.local/share/hydra.
    /// </summary>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        if (Environment.UserName == "root") return "/var/lib/hydra";
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var dataHome = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(dataHome, "hydra");
    }

    /// <summary>
    /// The password kept in <paramref name="folder"/>/password, created on first use. It must stay
    /// the same across runs: PostgreSQL stores it in the cluster when the cluster is created.
    /// </summary>
    public static string EnsurePassword(string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "password");
        if (File.Exists(file))
        {
            var existing = File.ReadAllText(file).Trim();
            if (existing.Length > 0) return existing;
        }
        // Letters and digits only: ',' and ';' would break Redis and Npgsql connection strings.
        var password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
        File.WriteAllText(file, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }
}
