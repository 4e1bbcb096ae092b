using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Slack;

/// <summary>What reaches the Slack routes signed but wrong: bad encoding, missing parts, other workspaces, replays.</summary>
[Collection(CommandsHost.Name)]
public sealed class SlackEntryTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private const string Admin = "U2147483697";
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
    }

    private Task<HttpResponseMessage> Send(string path, string body) =>
        Client.SendAsync(SlackRequests.Signed(path, body, Clock.GetUtcNow()));

    [Theory]
    [InlineData("text=info%00&user_id=U1&response_url=http%3A%2F%2Fx%2Fr")]
    [InlineData("text=info&user_id=U1%00&response_url=http%3A%2F%2Fx%2Fr")]
    [InlineData("%00=1&text=info&user_id=U1&response_url=http%3A%2F%2Fx%2Fr")]
    public async Task A_command_form_that_is_not_valid_form_encoding_gets_a_400(string body)
    {
        var response = await Send("/slack/commands", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await SettleAsync();
        Assert.Empty(Braket.Requests);
        Assert.Empty(Slack.Received);
    }

    [Theory]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"response_url":"http://x/r"}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"response_url":"http://x/r","actions":null}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"response_url":"http://x/r","actions":[null]}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"response_url":"http://x/r","actions":[{"value":"v"}]}""")]
    [InlineData("""{"type":"block_actions","response_url":"http://x/r","actions":[]}""")]
    public async Task An_interaction_without_usable_actions_gets_a_400_and_runs_nothing(string payload)
    {
        var response = await Send("/slack/interactions", "payload=" + Uri.EscapeDataString(payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await SettleAsync();
        Assert.Empty(Slack.Received);
    }

    [Fact]
    public async Task Requests_from_another_workspace_or_app_are_refused_when_the_ids_are_set()
    {
        Settings["Slack:TeamId"] = SlackRequests.TeamId;
        Settings["Slack:AppId"] = SlackRequests.AppId;
        var scope = ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), Tasks.Aspen));

        var otherTeam = await Send("/slack/commands", SlackRequests.CommandBody("caps", Slack.ResponseUrl("t1"), teamId: "T0OTHER"));
        var otherApp = await Send("/slack/commands", SlackRequests.CommandBody("caps", Slack.ResponseUrl("t2"), appId: "A0OTHER"));
        var otherClick = await Send(
            "/slack/interactions",
            SlackRequests.ButtonBody(CancelAllQueuedAction.Id, scope, Slack.ResponseUrl("t3"), teamId: "T0OTHER")
        );
        var ours = await Send("/slack/commands", SlackRequests.CommandBody("help", Slack.ResponseUrl("t4")));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            [otherTeam.StatusCode, otherApp.StatusCode, otherClick.StatusCode, ours.StatusCode]
        );
        await SettleAsync();
        Assert.Empty(Braket.Requests);
        Assert.Empty(Slack.Received);
    }

    [Fact]
    public async Task A_replayed_click_starts_nothing()
    {
        Settings["Slack:Admins:0"] = Admin;
        var queued = Tasks.Many(5, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning).ToArray();
        Braket.Add(queued);
        var body = SlackRequests.ButtonBody(
            CancelAllQueuedAction.Id,
            ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), Tasks.Ankaa)),
            Slack.ResponseUrl("r1"),
            Admin
        );
        var at = Clock.GetUtcNow();

        var first = await Client.SendAsync(SlackRequests.Signed("/slack/interactions", body, at));
        await Slack.WaitFor(() => Slack.Responses("r1").Any(r => MessageText.Of(r).Contains("cancelled 5 of 5")) ? "done" : null);
        await SettleAsync();
        var replay = await Client.SendAsync(SlackRequests.Signed("/slack/interactions", body, at)); // the very same signed request
        await SettleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.Equal(5, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
        Assert.Single(Slack.Responses("r1"), r => MessageText.Of(r).Contains("cancelled 5 of 5"));
        Assert.Single(Braket.RequestsOf(BraketOperations.SearchQuantumTasks)); // the replay did not even scan
    }

    [Fact]
    public async Task A_button_whose_value_names_no_device_cancels_nothing_instead_of_everything()
    {
        Settings["Slack:Admins:0"] = Admin;
        var queued = new[]
        {
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 10, Morning),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning),
        };
        Braket.Add(queued);

        // What the old warning buttons carried: a day, a device name, and no ARN.
        await Send(
            "/slack/interactions",
            SlackRequests.ButtonBody(
                CancelAllQueuedAction.Id,
                """{"day":"2022-04-10","deviceName":"Aspen-M-1"}""",
                Slack.ResponseUrl("n1"),
                Admin
            )
        );

        Assert.Contains("no longer valid", MessageText.Of((await Slack.WaitForResponses("n1"))[0]));
        await SettleAsync();
        Assert.Empty(Braket.Requests);
        Assert.All(queued, t => Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(t.QuantumTaskArn).Status));
    }
}
