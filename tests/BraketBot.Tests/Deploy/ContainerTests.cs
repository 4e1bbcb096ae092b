using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Deploy;

/// <summary>
/// No Docker engine runs here, so the image is checked as far as the machine allows: the Dockerfile's
/// own publish command produces what its ENTRYPOINT starts, and that starts and answers on its port,
/// and draws a chart (doctor's Charts check) with nothing but what the publish put beside it.
/// </summary>
public sealed partial class ContainerTests
{
    private static readonly string Dockerfile = File.ReadAllText(Repository.Path("Dockerfile"));
    private static readonly string FlyToml = File.ReadAllText(Repository.Path("fly.toml"));

    [Fact]
    public void The_image_runs_as_a_non_root_user_on_the_port_fly_routes_to()
    {
        Assert.Matches(@"(?m)^USER \$APP_UID$", Dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime$", Dockerfile);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", Dockerfile);
        Assert.Matches(@"(?m)^\s*internal_port = 8080$", FlyToml);
        Assert.Matches(@"(?m)^\s*auto_stop_machines = ""off""$", FlyToml);
        Assert.Matches(@"(?m)^\s*path = ""/healthz""$", FlyToml);
        Assert.Matches(@"(?m)^\s*force_https = true$", FlyToml);
        // Secrets are named in comments for `fly secrets set`, never given values.
        Assert.DoesNotMatch(
            @"(?m)^\s*(Slack__SigningSecret|Slack__BotToken|EventBridge__ApiKey|AWS_SECRET_ACCESS_KEY|ConnectionStrings__Postgres)\s*=",
            FlyToml
        );
    }

    [Fact]
    public async Task The_published_output_starts_with_the_images_command_and_answers_health()
    {
        var entrypoint = EntrypointLine().Match(Dockerfile);
        Assert.True(entrypoint.Success, "the Dockerfile has an ENTRYPOINT");
        var output = Directory.CreateTempSubdirectory("braketbot-publish").FullName;
        try
        {
            var published = await ImagePublish.RunAsync(Repository.Root, output, TimeSpan.FromMinutes(5));
            Assert.True(published.ExitCode == 0, published.Output);

            var command = entrypoint.Groups["args"].Value.Split(',').Select(a => a.Trim().Trim('"')).ToArray();
            Assert.True(File.Exists(Path.Combine(output, command[1])), $"{command[1]} is in the publish output");
            var port = FreePort();
            var start = new ProcessStartInfo(command[0], command[1..])
            {
                WorkingDirectory = output,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString();
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            using var bot = Process.Start(start)!;
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                Assert.Equal(HttpStatusCode.OK, await Poll(() => client.GetAsync("/healthz")));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
            }
            finally
            {
                bot.Kill(entireProcessTree: true);
            }

            // The same image as a command: `doctor` with nothing configured fails, one JSON report on its output.
            var doctor = await ImagePublish.RunProcessAsync(
                command[0],
                string.Join(' ', [.. command[1..], "doctor", "--json"]),
                output,
                TimeSpan.FromMinutes(1),
                new Dictionary<string, string> { ["AWS_EC2_METADATA_DISABLED"] = "true" }
            );
            Assert.True(doctor.ExitCode == 1, doctor.Output);
            using var report = JsonDocument.Parse(doctor.Output);
            Assert.False(report.RootElement.GetProperty("ok").GetBoolean());
            Assert.Contains(report.RootElement.GetProperty("checks").EnumerateArray(), c =>
                c.GetProperty("check").GetString() == "Settings"
                && c.GetProperty("detail").GetString()!.StartsWith("Slack:SigningSecret is not set", StringComparison.Ordinal)
            );

            // …and it draws a chart: SkiaSharp's self-contained native libraries are in the output, the font is inside the app.
            Assert.True(
                File.Exists(Path.Combine(output, "libSkiaSharp.so")),
                "SkiaSharp's native library for the image's platform is published"
            );
            var charts = report
                .RootElement.GetProperty("checks")
                .EnumerateArray()
                .Single(c => c.GetProperty("check").GetString() == BraketBot.Cli.ChartCheck.Name);
            Assert.True(charts.GetProperty("status").GetString() == "pass", charts.ToString());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> Poll(Func<Task<HttpResponseMessage>> call)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return (await call()).StatusCode;
            }
            catch (HttpRequestException) when (i < 150)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(?m)^ENTRYPOINT \[(?<args>.+)\]$")]
    private static partial Regex EntrypointLine();
}
