namespace BraketBot.Tests.Support;

/// <summary>Files of this repository, found from the test's output folder upwards.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BraketBot.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("BraketBot.sln not found above " + AppContext.BaseDirectory);
    }
}
