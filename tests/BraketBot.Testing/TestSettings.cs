using Amazon.Runtime;
using BraketBot.Ports;

namespace BraketBot.Testing;

/// <summary>The settings and credentials of a bot under test, in one place for the tests and the benchmarks.</summary>
public static class TestSettings
{
    public const string EventBridgeApiKey = "test-api-key";

    /// <summary>AWS's documented example key pair: signs like a real one, opens nothing.</summary>
    public static readonly ImmutableCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

    /// <summary>Braket's documented request quotas, as the fake enforces them (written apart from the bot's own table).</summary>
    public static readonly IReadOnlyDictionary<string, (double Rate, int Burst)> BraketQuotas = new Dictionary<string, (double, int)>
    {
        [BraketOperations.SearchQuantumTasks] = (5, 50),
        [BraketOperations.CancelQuantumTask] = (2, 20),
        [BraketOperations.GetQuantumTask] = (100, 100),
        [BraketOperations.SearchDevices] = (5, 5),
    };

    /// <summary>Every setting a fully configured bot has, pointed at the fakes.</summary>
    public static Dictionary<string, string?> For(Uri braketUrl, Uri slackApi) =>
        new()
        {
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:AlertChannel"] = "C0ALERTS",
            ["Slack:ApiBaseUrl"] = slackApi.ToString(),
            ["Braket:ServiceUrl"] = braketUrl.ToString(),
            ["Braket:Regions:0"] = "us-west-1",
            ["Braket:Regions:1"] = "us-east-1",
            ["EventBridge:ApiKey"] = EventBridgeApiKey,
            // The fake serves the AWS price list beside Braket: no test reads AWS's real one.
            ["Pricing:PriceListUrl"] = new Uri(braketUrl, FakeBraket.PriceListPath.TrimStart('/')).ToString(),
            // Nothing should wait on the reconcile unless it asks for it.
            ["Caps:ReconcileCron"] = "0 0 1 1 *",
        };

    /// <summary>The same for a bot run as its own process, which finds its AWS credentials in the environment.</summary>
    public static Dictionary<string, string> ForProcess(Uri braketUrl, Uri slackApi, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = For(braketUrl, slackApi).ToDictionary(p => p.Key, p => p.Value!);
        settings["AWS_ACCESS_KEY_ID"] = Credentials.AccessKey;
        settings["AWS_SECRET_ACCESS_KEY"] = Credentials.SecretKey;
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
            settings[key] = value;
        return settings;
    }
}
