using System.Diagnostics;
using BraketBot.Testing;

namespace BraketBot.Benchmarks;

/// <summary>
/// One measured run: the built bot as its own process, against a Braket fake that enforces the
/// documented quotas with 30 ms per call, and a Slack fake.
/// </summary>
public sealed class Harness : IDisposable
{
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(30);

    private Harness(FakeBraket braket, FakeSlack slack, BotProcess.Running bot, TimeSpan startup)
    {
        Braket = braket;
        Slack = slack;
        Bot = bot;
        Startup = startup;
        Client = new HttpClient { BaseAddress = bot.Address };
    }

    public FakeBraket Braket { get; }
    public FakeSlack Slack { get; }
    public BotProcess.Running Bot { get; }
    public HttpClient Client { get; }

    /// <summary>From process start to the first healthy answer.</summary>
    public TimeSpan Startup { get; }

    /// <summary>The bot as the container image runs it (the Dockerfile's publish: ReadyToRun), published once per benchmark run.</summary>
    private static readonly Lazy<Task<string>> PublishedApp = new(async () =>
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Dockerfile")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("No Dockerfile above the benchmark.");
        var output = Directory.CreateTempSubdirectory("braketbot-benchmark-app").FullName;
        Console.Error.WriteLine($"Publishing the bot as the Dockerfile does, into {output}…");
        var published = await ImagePublish.RunAsync(root, output, TimeSpan.FromMinutes(10));
        return published.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"The Dockerfile's publish failed:\n{published.Output}");
    });

    public static async Task<Harness> StartAsync(Action<FakeBraket> seed, IDictionary<string, string>? settings = null)
    {
        var braket = new FakeBraket { Latency = Latency };
        braket.EnforceQuotas(TestSettings.BraketQuotas);
        braket.Devices.AddRange(Tasks.AllDevices);
        seed(braket);
        var slack = new FakeSlack();
        var all = TestSettings.ForProcess(
            braket.Url,
            slack.ApiBase,
            new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            }
        );
        all.Remove("Braket:Regions:1"); // every task of the benchmark lives in us-west-1
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;

        var app = await PublishedApp.Value;
        var watch = Stopwatch.StartNew();
        var bot = await BotProcess.StartAsync(all, app);
        using var probe = new HttpClient { BaseAddress = bot.Address };
        while (!(await probe.GetAsync("/healthz")).IsSuccessStatusCode)
            await Task.Delay(10);
        return new Harness(braket, slack, bot, watch.Elapsed);
    }

    /// <summary>Resident memory of the bot's process, from /proc.</summary>
    public long WorkingSetBytes => Bot.WorkingSetBytes;

    public void Dispose()
    {
        Client.Dispose();
        Bot.Dispose();
        Braket.Dispose();
        Slack.Dispose();
    }
}
