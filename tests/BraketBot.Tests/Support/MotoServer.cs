using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.SQS;

namespace BraketBot.Tests.Support;

/// <summary>moto's server on a free loopback port, started for a collection's host (<see cref="MotoQueue"/>) and killed after it.</summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string Region = "us-east-1";

    private static readonly Lazy<bool> InstallCheck = new(() =>
    {
        try
        {
            using var check = Process.Start(
                new ProcessStartInfo("python3", ["-c", "import moto.server"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                }
            )!;
            return check.WaitForExit(60_000) && check.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    });

    private readonly Process process;

    private MotoServer(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    public static bool Installed => InstallCheck.Value;

    public Uri Url { get; }

    public static async Task<MotoServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var process = Process.Start(
                new ProcessStartInfo(
                    "python3",
                    ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                )
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                }
            )!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
            if (await server.AnswersAsync())
                return server;
            await server.DisposeAsync();
            // Another process took the port between our look and moto's bind: try another.
            if (attempt == 3)
                throw new InvalidOperationException("moto's server did not start.");
        }
    }

    /// <summary>An SQS client of this server, as the tests' own (queue set-up, sending, counting).</summary>
    public AmazonSQSClient Sqs() =>
        new(
            new BasicAWSCredentials(TestSettings.Credentials.AccessKey, TestSettings.Credentials.SecretKey),
            new AmazonSQSConfig { ServiceURL = Url.ToString(), AuthenticationRegion = Region }
        );

    private async Task<bool> AnswersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri(Url, "moto-api/"))).IsSuccessStatusCode)
                    return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
