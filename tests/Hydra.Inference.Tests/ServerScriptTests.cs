using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hydra.Inference.Tests;

/// <summary>
/// The scripts that run PostgreSQL and redis-server for local mode, tests and benchmarks: with
/// HYDRA_STOP_WITH_PARENT set, a server must not outlive a parent killed outright (a crashed or
/// killed test host), or it runs on for good and holds its port.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash scripts for Debian
public class ServerScriptTests
{
    [Theory]
    [InlineData("redis.sh")]
    [InlineData("postgres.sh")]
    public async Task AServerStopsWhenWhoeverStartedItIsKilled(string script)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hydra-script-{Guid.NewGuid():N}"[..22]);
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101); // the postgres user must reach it when tests run as root
        await File.WriteAllTextAsync(Path.Combine(folder, "password"), "script-test");
        var port = Hydra.Testing.ServiceProcess.FreePort();
        var path = Path.Combine(AppContext.BaseDirectory, "servers", script);
        // A parent that starts the server and then only waits, as a test host does.
        var parent = Process.Start(new ProcessStartInfo("bash", ["-c", $"bash '{path}' '{folder}' {port} >/dev/null 2>&1 & wait"])
        {
            Environment = { ["HYDRA_STOP_WITH_PARENT"] = "1" },
        })!;
        try
        {
            Assert.True(await UntilAsync(() => Listening(port), TimeSpan.FromSeconds(60)), $"{script} never listened on {port}");

            parent.Kill(entireProcessTree: false); // SIGKILL: the parent gets no chance to stop anything

            Assert.True(await UntilAsync(() => !Listening(port), TimeSpan.FromSeconds(20)), $"{script}'s server outlived its parent");
        }
        finally
        {
            if (!parent.HasExited) parent.Kill(entireProcessTree: true);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return condition();
    }
}
