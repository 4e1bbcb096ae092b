using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BraketBot.Testing;

/// <summary>
/// The app as the container image builds it: the Dockerfile's own `dotnet publish` line, run into a
/// folder of the caller's, so that tests and benchmarks start what production starts.
/// </summary>
public static partial class ImagePublish
{
    /// <summary>Publishes with the Dockerfile's command (restoring, since no earlier layer did) into <paramref name="output"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string repositoryRoot, string output, TimeSpan timeout)
    {
        var publish = PublishLine().Match(File.ReadAllText(Path.Combine(repositoryRoot, "Dockerfile")));
        if (!publish.Success)
            return (-1, "the Dockerfile has no `RUN dotnet publish` line");
        var args = publish
            .Groups["args"]
            .Value.Replace("--no-restore", "", StringComparison.Ordinal)
            .Replace("/app", output, StringComparison.Ordinal);
        return await RunProcessAsync("dotnet", $"publish {args}", repositoryRoot, timeout);
    }

    /// <summary>Runs a program to its end (or the timeout), with its output and error together.</summary>
    public static async Task<(int ExitCode, string Output)> RunProcessAsync(
        string file,
        string args,
        string directory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"(?m)^RUN dotnet publish (?<args>.+)$")]
    private static partial Regex PublishLine();
}
