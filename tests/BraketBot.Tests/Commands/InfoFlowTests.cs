using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Commands;

/// <summary>/braket info through the real host: signed command in, acknowledgement, report at the response_url.</summary>
[Collection(CommandsHost.Name)]
public sealed class InfoFlowTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Day = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
    }

    private async Task<(HttpResponseMessage Ack, JsonElement AckBody, TimeSpan Elapsed)> Command(
        string text,
        string responseId,
        string userId = "U2147483697"
    )
    {
        var watch = Stopwatch.StartNew();
        var ack = await SendCommandAsync(text, responseId, userId);
        watch.Stop();
        var content = await ack.Content.ReadAsStringAsync();
        return (ack, content.Length > 0 ? JsonDocument.Parse(content).RootElement : default, watch.Elapsed);
    }

    private static string Text(JsonElement message) => MessageText.Of(message);

    /// <summary>The table's columns with their padding folded to one space.</summary>
    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, " +", " ");

    [Fact]
    public async Task Reports_a_seeded_day_of_one_device_with_the_right_numbers()
    {
        Braket.Add(Tasks.AspensDay(Day)); // with decoys: another day, another device

        var (ack, ackBody, elapsed) = await Command("info 2022-04-10 Aspen-M-1", "info-1");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {elapsed}");
        Assert.Equal("ephemeral", ackBody.GetProperty("response_type").GetString());

        var report = (await Slack.WaitForResponses("info-1"))[0];
        Assert.Equal("in_channel", report.GetProperty("response_type").GetString());
        var text = Text(report);
        Assert.Contains("Aspen-M-1 on 2022-04-10", text);
        foreach (
            var row in new[]
            {
                "CREATED 1 50",
                "QUEUED 3 6,000",
                "RUNNING 1 100",
                "COMPLETED 2 1,000",
                "FAILED 1 10",
                "CANCELLING 1 20",
                "CANCELLED 1 30",
                "Total 10 7,210",
            }
        )
            Assert.Contains(row, Squeeze(text));
        // Aspen-M-1 at its 2022 price: $0.30 a task + $0.00035 a shot.
        Assert.Contains("*$1.29* spent or running", text); // 3 tasks, 1,100 shots: $1.285
        Assert.Contains("*$3.32* still queued", text); // 4 tasks, 6,050 shots: $3.3175
        Assert.DoesNotContain("77,777", text);
        Assert.DoesNotContain("88,888", text);
        var search = Braket.RequestsOf(BraketOperations.SearchQuantumTasks);
        Assert.Single(search); // one scan, every status in it
        Assert.Equal("us-west-1", FakeBraket.RegionOf(search[0]));
    }

    [Fact]
    public async Task Reports_every_device_of_today_when_none_is_named()
    {
        var at = Day.AddHours(3);
        Braket.Add(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, at),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 500, at),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 500, Day.AddDays(-1))
        );

        await Command("info", "info-2");

        var text = Text((await Slack.WaitForResponses("info-2"))[0]);
        Assert.Contains("Braket usage on 2022-04-10", text);
        Assert.True(
            text.IndexOf("*Forte-1*", StringComparison.Ordinal) < text.IndexOf("*Ankaa-3*", StringComparison.Ordinal),
            "costliest first"
        );
        Assert.Contains("QUEUED 1 500", Squeeze(text));
        Assert.Equal(
            ["us-east-1", "us-west-1"],
            Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Select(FakeBraket.RegionOf).Order()
        );
    }

    [Fact]
    public async Task A_bad_date_is_answered_at_once_and_calls_nothing()
    {
        var (ack, body, _) = await Command("info 2022-13-45 Aspen-M-1", "bad-date");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.Contains("YYYY-MM-DD", Text(body));
        await SettleAsync();
        Assert.Empty(Braket.Requests);
        Assert.Empty(Slack.Received);
    }

    [Fact]
    public async Task An_unknown_device_names_the_nearest_known_ones()
    {
        await Command("info 2022-04-10 Aspen-M1", "typo");

        var answer = (await Slack.WaitForResponses("typo"))[0];
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Contains("Did you mean `Aspen-M-1`", Text(answer));
        Assert.Empty(Braket.RequestsOf(BraketOperations.SearchQuantumTasks));
    }

    [Fact]
    public async Task Braket_refusing_access_says_which_permission_is_missing()
    {
        Braket.Fail(BraketOperations.SearchQuantumTasks, HttpStatusCode.Forbidden);

        await Command("info 2022-04-10 Aspen-M-1", "denied");

        var text = Text((await Slack.WaitForResponses("denied"))[0]);
        Assert.Contains("braket:SearchQuantumTasks", text);
    }

    [Fact]
    public async Task Braket_unreachable_says_to_try_again()
    {
        Braket.Fail(BraketOperations.SearchQuantumTasks, HttpStatusCode.ServiceUnavailable, times: 10);

        await Command("info 2022-04-10 Aspen-M-1", "down");

        Assert.Contains("try again", Text((await Slack.WaitForResponses("down"))[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("frobnicate")]
    public async Task Help_and_unknown_input_get_the_usage_only_for_the_asker(string text)
    {
        var (ack, body, _) = await Command(text, "help");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.Contains("/braket info [DATE] [DEVICE]", Text(body).Replace("`", ""));
    }

    [Fact]
    public async Task The_refresh_button_replaces_the_report_in_place()
    {
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 1000, Day.AddHours(1)));
        var value = ButtonValues.Of(new InfoQuery(BraketBot.Domain.Day.Parse("2022-04-10"), Tasks.AspenArn));

        var ack = await ClickAsync(RefreshReportAction.Id, value, "refresh");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var report = (await Slack.WaitForResponses("refresh"))[0];
        Assert.True(report.GetProperty("replace_original").GetBoolean());
        Assert.Contains("QUEUED 1 1,000", Squeeze(Text(report)));
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("forged")]
    [InlineData("tampered")]
    [InlineData("unsigned")]
    public async Task Unverified_requests_get_401_and_reach_no_handler(string how)
    {
        var body = SlackRequests.CommandBody("info 2022-04-10 Aspen-M-1", Slack.ResponseUrl("evil"));
        var request = how switch
        {
            "stale" => SlackRequests.Signed("/slack/commands", body, Clock.GetUtcNow().AddMinutes(-6)),
            "forged" => SlackRequests.Signed("/slack/commands", body, Clock.GetUtcNow(), secret: "not-the-secret"),
            "tampered" => SlackRequests.Signed("/slack/commands", body, Clock.GetUtcNow()),
            _ => new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            },
        };
        if (how == "tampered")
            request.Content = new StringContent(
                body.Replace("info", "cancel"),
                System.Text.Encoding.UTF8,
                "application/x-www-form-urlencoded"
            );

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await SettleAsync();
        Assert.Empty(Braket.Requests);
        Assert.Empty(Slack.Received);
    }

    [Fact]
    public async Task Broken_bodies_get_a_clear_400_not_a_500()
    {
        var notForm = SlackRequests.Signed("/slack/commands", "{\"text\":\"info\"}", Clock.GetUtcNow());
        notForm.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var noPayload = SlackRequests.Signed("/slack/interactions", "payload=%7Bnot-json", Clock.GetUtcNow());

        Assert.Equal(HttpStatusCode.BadRequest, (await Client.SendAsync(notForm)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.SendAsync(noPayload)).StatusCode);
    }
}
