using System.Diagnostics;
using BraketBot.Ports;
using BraketBot.Testing;

namespace BraketBot.Benchmarks;

/// <summary>
/// One measured run: the built bot as its own process, against a Braket fake that enforces the
/// documented quotas with 30 ms per call, and a Slack fake.
/// </summary>
public sealed class Harness : IDisposable
{
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(30);

    public static readonly IReadOnlyDictionary<string, (double Rate, int Burst)> BraketQuotas = new Dictionary<string, (double, int)>
    {
        [BraketOperations.SearchQuantumTasks] = (5, 50),
        [BraketOperations.CancelQuantumTask] = (2, 20),
        [BraketOperations.GetQuantumTask] = (100, 100),
        [BraketOperations.SearchDevices] = (5, 5),
    };

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

    public static async Task<Harness> StartAsync(Action<FakeBraket> seed, IDictionary<string, string>? settings = null)
    {
        var braket = new FakeBraket { Latency = Latency };
        braket.EnforceQuotas(BraketQuotas);
        braket.Devices.AddRange(Tasks.AllDevices);
        seed(braket);
        var slack = new FakeSlack();
        var all = new Dictionary<string, string>
        {
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = "xoxb-benchmark",
            ["Slack:AlertChannel"] = "C0ALERTS",
            ["Slack:ApiBaseUrl"] = slack.ApiBase.ToString(),
            ["Braket:ServiceUrl"] = braket.Url.ToString(),
            ["Braket:Regions:0"] = "us-west-1",
            ["EventBridge:ApiKey"] = "benchmark-key",
            ["Caps:ReconcileCron"] = "0 0 1 1 *",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;

        var watch = Stopwatch.StartNew();
        var bot = await BotProcess.StartAsync(all);
        using var probe = new HttpClient { BaseAddress = bot.Address };
        while (!(await probe.GetAsync("/healthz")).IsSuccessStatusCode) await Task.Delay(10);
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
