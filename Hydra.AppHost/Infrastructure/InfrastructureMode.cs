using System.Diagnostics;

namespace Hydra.AppHost.Infrastructure;

/// <summary>How PostgreSQL and Redis are run: set with <c>Hydra:Infrastructure</c> (auto | containers | local).</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a Docker engine answers, local programs otherwise.</summary>
    Auto,

    /// <summary>The usual Aspire containers (needs a Docker engine).</summary>
    Containers,

    /// <summary>PostgreSQL and redis-server from the machine's packages, as child processes.</summary>
    Local,
}

public static class InfrastructureModeResolver
{
    public static InfrastructureMode Resolve(string? configured, Func<bool> dockerEngineAnswers)
    {
        if (!Enum.TryParse<InfrastructureMode>(string.IsNullOrWhiteSpace(configured) ? "auto" : configured, ignoreCase: true, out var mode))
        {
            throw new InvalidOperationException(
                $"Hydra:Infrastructure is '{configured}'; use one of: auto, containers, local.");
        }
        return mode == InfrastructureMode.Auto
            ? dockerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local
            : mode;
    }

    /// <summary>
    /// True when <c>docker info</c> succeeds. The docker client alone is not enough: on machines
    /// like CI it is installed with no engine behind it, and then containers can never start.
    /// </summary>
    public static bool DockerEngineAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null) return false;
            if (!docker.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                docker.Kill(entireProcessTree: true);
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
