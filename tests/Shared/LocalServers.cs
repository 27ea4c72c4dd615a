using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using StackExchange.Redis;

namespace Hydra.Testing;

/// <summary>
/// A real PostgreSQL and a real redis-server for the pipeline tests, run by the same scripts the
/// AppHost's local mode uses, in a fresh temporary folder on free ports. Each test gets its own
/// database (<see cref="CreateDatabaseAsync"/>) and an empty Redis. Linked into the pipeline tests
/// and the pipeline benchmark (tests/Shared), so both measure against the same real servers.
/// </summary>
public class LocalServers
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hydra-pipeline-{Guid.NewGuid():N}"[..24]);
    private Process? _postgres;
    private Process? _redis;

    public string Password { get; } = "pipeline" + Guid.NewGuid().ToString("N")[..12];
    public int PostgresPort { get; } = FreePort();
    public int RedisPort { get; } = FreePort();
    /// <summary>The scripts' processes (PostgreSQL's postmaster and backends, redis-server run below them), for a benchmark reading /proc.</summary>
    public int? PostgresProcessId => _postgres?.Id;
    public int? RedisProcessId => _redis?.Id;
    public string RedisConnectionString => $"127.0.0.1:{RedisPort},password={Password},abortConnect=false,connectTimeout=2000";

    public async Task StartAsync()
    {
        foreach (var name in new[] { "postgres", "redis" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, name));
            await File.WriteAllTextAsync(Path.Combine(_folder, name, "password"), Password);
        }
        // The postgres user must be able to reach its folder when the tests run as root (CI).
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        _postgres = Start("postgres.sh", Path.Combine(_folder, "postgres"), PostgresPort);
        await StartRedisAsync();
        await WaitForPostgresAsync();
    }

    public async Task StartRedisAsync()
    {
        _redis = Start("redis.sh", Path.Combine(_folder, "redis"), RedisPort);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionString.Replace("abortConnect=false", "abortConnect=true"));
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Kills redis-server outright, as a crash would. Its append-only file stays unless
    /// <paramref name="loseData"/>: then it comes back empty, like a Redis run without persistence.
    /// </summary>
    public async Task StopRedisAsync(bool loseData = false)
    {
        if (_redis is null) return;
        _redis.Kill(entireProcessTree: true);
        await _redis.WaitForExitAsync();
        _redis = null;
        if (loseData)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Path.Combine(_folder, "redis")))
            {
                if (Path.GetFileName(entry) == "password") continue;
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
        }
    }

    /// <summary>
    /// Stops PostgreSQL the way a restart or a failover does: a fast shutdown that ends every
    /// client's session (postgres.sh turns TERM into SIGINT). The cluster stays for
    /// <see cref="StartPostgresAsync"/>, on the same port.
    /// </summary>
    public async Task StopPostgresAsync()
    {
        if (_postgres is null) return;
        Process.Start("kill", ["-TERM", _postgres.Id.ToString()])?.WaitForExit();
        if (!_postgres.WaitForExit(20_000)) _postgres.Kill(entireProcessTree: true);
        await _postgres.WaitForExitAsync();
        _postgres = null;
    }

    public async Task StartPostgresAsync()
    {
        _postgres = Start("postgres.sh", Path.Combine(_folder, "postgres"), PostgresPort);
        await WaitForPostgresAsync();
    }

    /// <summary>A new, empty database on the server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"monitoring_{Guid.NewGuid():N}"[..24];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task FlushRedisAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionString + ",allowAdmin=true");
        await connection.GetServer($"127.0.0.1:{RedisPort}").FlushAllDatabasesAsync();
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={Password};Database={database};Timeout=5";

    private async Task WaitForPostgresAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or PostgresException && DateTime.UtcNow < deadline)
            {
                if (_postgres is { HasExited: true }) throw new InvalidOperationException("postgres.sh exited: is Debian's postgresql installed? (eng/install-prerequisites.sh)");
                await Task.Delay(200);
            }
        }
    }

    private static Process Start(string script, string folder, int port)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "servers", script);
        var start = new ProcessStartInfo("bash", [path, folder, port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The scripts stop their server when this process is gone, even if it was killed
            // outright and never reached StopAsync: no orphaned servers after a killed test run.
            Environment = { ["HYDRA_STOP_WITH_PARENT"] = "1" },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {script}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StopAsync()
    {
        foreach (var process in new[] { _redis, _postgres })
        {
            if (process is null || process.HasExited) continue;
            // postgres.sh turns TERM into a fast shutdown; give it a moment before the hard kill.
            Process.Start("kill", ["-TERM", process.Id.ToString()])?.WaitForExit();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
