namespace BraketBot.Tests.Support;

/// <summary>
/// The release before this one (commit <see cref="Commit"/>, pinned: CI runs in a full clone), built
/// from `git archive` of this repository into a temporary folder, once per machine.
/// </summary>
public static class PreviousRelease
{
    public const string Commit = "a84dbe0";

    private static readonly SemaphoreSlim Building = new(1, 1);

    /// <summary>The folder holding the previous release's BraketBot.dll, built now unless an earlier run left it.</summary>
    public static async Task<string> BuildAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"braketbot-release-{Commit}");
        var app = Path.Combine(folder, "app");
        await Building.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(folder, "built")))
                return app;
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true); // a build that did not finish
            var source = Path.Combine(folder, "source");
            Directory.CreateDirectory(source);
            await RunAsync("bash", $"-c \"git archive {Commit} | tar -x -C '{source}'\"", Repository.Root, TimeSpan.FromMinutes(1));
            await RunAsync("dotnet", $"build src/BraketBot/BraketBot.csproj -c Release -o {app} -nologo", source, TimeSpan.FromMinutes(6));
            await File.WriteAllTextAsync(Path.Combine(folder, "built"), Commit);
            return app;
        }
        finally
        {
            Building.Release();
        }
    }

    private static async Task RunAsync(string file, string args, string directory, TimeSpan timeout)
    {
        var (code, output) = await ImagePublish.RunProcessAsync(file, args, directory, timeout);
        if (code != 0)
            throw new InvalidOperationException($"{file} {args} failed ({code}):\n{output}");
    }
}
