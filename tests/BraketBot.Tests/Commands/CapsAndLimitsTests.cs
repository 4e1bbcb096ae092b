using System.Net;
using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Commands;

[Collection(CommandsHost.Name)]
public sealed class CapsAndLimitsTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    private async Task<string> Ask(string text, string id)
    {
        var ack = await SendCommandAsync(text, id);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var answer = (await Slack.WaitForResponses(id))[0];
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        return JsonSerializer.Serialize(
            answer.GetProperty("blocks"),
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
        );
    }

    [Fact]
    public async Task Caps_shows_each_cap_and_todays_usage_against_it()
    {
        Settings["Caps:MaxCostPerDay"] = "100";
        Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "2000";
        Settings["Caps:TimeZone"] = "Europe/Berlin";
        Braket.Devices.AddRange(Tasks.AllDevices);
        Braket.Add(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1700, Morning),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 100, Morning),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 100, Morning.AddDays(-1))
        );

        var answer = await Ask("caps", "caps");

        Assert.Contains("Daily caps on 2022-04-10 (Europe/Berlin)", answer);
        Assert.Contains("*Cost, all devices*: `▓░░░░░░░░░ 10%` $10.13 of $100.00", answer); // $8.30 + $0.30 + 1,700 x $0.0009
        Assert.Contains("*Shots, Ankaa-3*: `▓▓▓▓▓▓▓▓▓░ 85%` 1,700 of 2,000", answer);
        Assert.Contains(":large_orange_circle:", answer);
    }

    [Fact]
    public async Task Caps_without_caps_says_how_to_set_them()
    {
        var answer = await Ask("caps", "nocaps");

        Assert.Contains("No caps are configured", answer);
        Assert.Empty(Braket.Requests);
    }

    [Fact]
    public async Task Limits_lists_brakets_own_spending_limits()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Braket.AddSpendingLimit(
            Tasks.AnkaaArn,
            500m,
            DateTimeOffset.FromUnixTimeSeconds(1648771200),
            DateTimeOffset.FromUnixTimeSeconds(1651363200),
            queued: 12.50m,
            total: 130.25m
        );

        var answer = await Ask("limits", "limits");

        Assert.Matches(@"Ankaa-3\s+\$500.00\s+\$12.50\s+\$130.25\s+2022-04-01..2022-04-30", answer);
        // Each region holds its own limits (the fake answers the same list in both regions it watches).
        Assert.Equal(
            ["us-east-1", "us-west-1"],
            Braket.RequestsOf(BraketOperations.SearchSpendingLimits).Select(FakeBraket.RegionOf).Order()
        );
    }
}
