namespace Hydra.Testing;

/// <summary>
/// The checkout the tests were built from (the folder with Hydra.sln above the test's output), for
/// tests that read what the repository ships beside the code: scripts, schedules, deploy files.
/// </summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hydra.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("Hydra.sln not found above " + AppContext.BaseDirectory);
    }
}
