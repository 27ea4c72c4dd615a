using Hydra.AppHost.Infrastructure;
using Hydra.AppHost.LocalInfrastructure;

namespace Hydra.Integration.Tests;

public sealed class InfrastructureModeTests
{
    [Theory]
    [InlineData(null, true, InfrastructureMode.Containers)]
    [InlineData("auto", false, InfrastructureMode.Local)]
    [InlineData("AUTO", true, InfrastructureMode.Containers)]
    [InlineData("local", true, InfrastructureMode.Local)]
    [InlineData("containers", false, InfrastructureMode.Containers)]
    public void Auto_chooses_containers_only_when_an_engine_answers(string? configured, bool engine, InfrastructureMode expected) =>
        Assert.Equal(expected, InfrastructureModeResolver.Resolve(configured, () => engine));

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_first_admins_password_is_generated_once_kept_beside_the_data_and_readable_only_by_its_owner()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hydra-admin-{Guid.NewGuid():N}");
        try
        {
            var first = HydraSecrets.EnsureAdminPassword(folder);
            var second = HydraSecrets.EnsureAdminPassword(folder);

            // The account is created once with it, so it must not change between starts.
            Assert.Equal(first, second);
            Assert.Matches("^[a-z]{5}(-[a-z]{5}){3}$", first);
            Assert.Equal(first, File.ReadAllText(Path.Combine(folder, "admin-password")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "admin-password")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_mode_is_refused_with_the_valid_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => InfrastructureModeResolver.Resolve("kubernetes", () => false));
        Assert.Contains("auto, containers, local", error.Message);
    }

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_local_password_is_created_once_and_readable_only_by_its_owner()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hydra-password-{Guid.NewGuid():N}");
        try
        {
            var first = LocalDataFolder.EnsurePassword(folder);
            var second = LocalDataFolder.EnsurePassword(folder);

            Assert.Equal(first, second);
            Assert.Equal(32, first.Length);
            Assert.Matches("^[A-Za-z0-9]+$", first);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "password")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_configured_data_folder_wins()
    {
        Assert.Equal("/srv/hydra-data", LocalDataFolder.Resolve("/srv/hydra-data"));
    }
}
