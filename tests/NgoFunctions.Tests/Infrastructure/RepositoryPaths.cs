namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds NgoFunctions.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NgoFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NgoFunctions.sln not found above the test output folder.");
    }
}
