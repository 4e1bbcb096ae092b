using System.Diagnostics;

namespace BraketBot.Testing;

/// <summary>The built bot as its own process (dotnet BraketBot.dll), for what only a real start shows: exit codes and console
/// output.</summary>
public static class BotProcess
{
    public sealed record Ended(int Code, string Output, string Error);

    /// <summary>Runs the bot with these settings (as environment variables) until it exits, or kills it after the timeout.</summary>
    public static async Task<Ended> RunAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(settings))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return new Ended(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the bot and waits until it listens; the caller kills it.</summary>
    /// <param name="appDirectory">Where BraketBot.dll is (an image's publish output); the build beside the caller when null.</param>
    public static async Task<Running> StartAsync(IReadOnlyDictionary<string, string> settings, string? appDirectory = null)
    {
        var process = Process.Start(StartInfo(settings, appDirectory))!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            output.Enqueue(line.Data);
            var match = System.Text.RegularExpressions.Regex.Match(line.Data, @"Now listening on: (http://[0-9.:]+)");
            if (match.Success)
                listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
                output.Enqueue(line.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous: on a busy two-core machine a fresh process (and its ReadyToRun load) can take this long to listen.
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return new Running(process, address, output);
    }

    public sealed class Running(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> output) : IDisposable
    {
        public Uri Address => address;

        /// <summary>Every line written so far, standard output and error together.</summary>
        public IReadOnlyList<string> Output => [.. output];

        /// <summary>
        /// SIGTERM, as `docker stop` and Kubernetes send it: the host shuts down gracefully. Answers how long
        /// it took to exit, or null when it had not exited after <paramref name="timeout"/> (it is then killed).
        /// </summary>
        public async Task<TimeSpan?> TerminateAsync(TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            var pid = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using (var kill = Process.Start("kill", ["-TERM", pid]))
                await kill.WaitForExitAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
                return watch.Elapsed;
            }
            catch (OperationCanceledException)
            {
                Kill();
                return null;
            }
        }

        public int ExitCode => process.ExitCode;

        /// <summary>Resident set size, as the kernel counts it (VmRSS).</summary>
        public long WorkingSetBytes
        {
            get
            {
                process.Refresh();
                return process.WorkingSet64;
            }
        }

        /// <summary>Dies at once, as on a lost machine: no shutdown, no cleanup.</summary>
        public void Kill()
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string? appDirectory = null)
    {
        var directory = appDirectory ?? AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "BraketBot.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        return start;
    }
}
