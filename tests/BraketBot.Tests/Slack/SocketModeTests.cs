using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BraketBot.Cancel;
using BraketBot.Home;
using BraketBot.Interactions;
using BraketBot.Slack.SocketMode;
using BraketBot.Tests.Support;
using BraketBot.Views;

namespace BraketBot.Tests.Slack;

/// <summary>
/// Slack over Socket Mode through the real host: apps.connections.open on the fake Slack, then a
/// WebSocket to a server in the test that speaks Slack's envelope protocol. No signing secret is set.
/// </summary>
[Collection(SocketModeHost.Name)]
public sealed class SocketModeTests(SocketModeFixture fixture) : IntegrationTests(fixture)
{
    private const string AppToken = SocketModeFixture.AppToken;
    private const string Admin = "U2147483697";
    private static readonly DateTimeOffset Day = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SlacksDeadline = TimeSpan.FromSeconds(3);

    private FakeSocketMode Socket => fixture.Socket;

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Slack:Admins:0"] = Admin;
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
    }

    /// <summary>Starts the host's Socket Mode client and waits for its <paramref name="number"/>th connection.</summary>
    private async Task<FakeSocketMode.Link> Connection(int number = 1)
    {
        await fixture.StartSocketModeAsync();
        return await Socket.WaitForLink(number);
    }

    private static string Command(string text, Uri responseUrl, string userId = Admin, string teamId = SlackRequests.TeamId) =>
        JsonSerializer.Serialize(SlackRequests.CommandFields(text, responseUrl, userId, teamId));

    private static string Text(JsonElement message) => MessageText.Of(message);

    private static string SocketCheck(JsonElement readiness) =>
        readiness.GetProperty("checks").GetProperty(SocketModeExtensions.ReadinessCheck).GetProperty("status").GetString()!;

    [Fact]
    public async Task Connects_with_the_app_token_and_is_ready_once_Slack_says_hello_without_a_signing_secret()
    {
        Socket.SayHello = false;

        var link = await Connection();

        var open = Assert.Single(Slack.Received, r => r.Kind == "apps.connections.open");
        Assert.Equal("Bearer " + AppToken, open.Headers["Authorization"].Single());
        var (status, before) = await Bot.ReadinessAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", SocketCheck(before));
        Assert.Empty(before.GetProperty("missing").EnumerateArray());

        await link.SendHelloAsync();

        var ready = await Bot.WaitUntilReadyAsync();
        Assert.Equal("Healthy", SocketCheck(ready));
        Assert.Single(Socket.Links);
        Assert.Contains("braketbot_socket_mode_connected{otel_scope_name=\"BraketBot\"} 1", await Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_slash_command_is_acknowledged_within_three_seconds_with_the_immediate_answer_and_answered_at_its_response_url()
    {
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(9)));
        var link = await Connection();

        var clock = Stopwatch.StartNew();
        var id = await link.SendEnvelopeAsync("slash_commands", Command("info 2022-04-10 Aspen-M-1", Slack.ResponseUrl("s1")));
        var ack = await link.WaitForAck(id);
        clock.Stop();

        Assert.True(clock.Elapsed < SlacksDeadline, $"acknowledged after {clock.Elapsed}");
        var immediate = ack.GetProperty("payload");
        Assert.Equal("ephemeral", immediate.GetProperty("response_type").GetString());
        Assert.Contains("Working on `/braket info 2022-04-10 Aspen-M-1`", Text(immediate));
        var report = (await Slack.WaitForResponses("s1"))[0];
        Assert.Equal("in_channel", report.GetProperty("response_type").GetString());
        Assert.Contains("Aspen-M-1 on 2022-04-10", Text(report));
    }

    [Fact]
    public async Task Help_is_answered_in_the_acknowledgement_itself()
    {
        var link = await Connection();

        var id = await link.SendEnvelopeAsync("slash_commands", Command("help", Slack.ResponseUrl("h1")));

        Assert.Contains("/braket info", Text((await link.WaitForAck(id)).GetProperty("payload")));
        await SettleAsync();
        Assert.Empty(Slack.Responses("h1"));
    }

    [Fact]
    public async Task A_click_is_acknowledged_and_cancels_exactly_the_scope_its_button_names()
    {
        var inScope = Tasks.Many(2, Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1)).ToArray();
        var decoy = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1));
        Braket.Add([.. inScope, decoy]);
        var link = await Connection();
        var button = SlackRequests.ButtonPayload(
            CancelAllQueuedAction.Id,
            ButtonValues.Of(CancelScope.Device(BraketBot.Domain.Day.Parse("2022-04-10"), Tasks.Aspen)),
            Slack.ResponseUrl("b1"),
            Admin
        );

        var clock = Stopwatch.StartNew();
        var id = await link.SendEnvelopeAsync("interactive", button);
        var ack = await link.WaitForAck(id);
        clock.Stop();

        Assert.True(clock.Elapsed < SlacksDeadline, $"acknowledged after {clock.Elapsed}");
        Assert.False(ack.TryGetProperty("payload", out _));
        await Slack.WaitFor(() => Slack.Responses("b1").Any(r => Text(r).Contains("cancelled 2 of 2")) ? "done" : null);
        Assert.All(inScope, t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(decoy.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task A_refresh_requested_disconnect_opens_a_new_connection_before_the_old_one_closes()
    {
        var first = await Connection();

        await first.SendDisconnectAsync("refresh_requested");

        var second = await Socket.WaitForLink(2);
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(first.ClosedCleanly, "the old connection was closed with a close handshake");
        Assert.True(second.OpenedAt < first.ClosedAt, "the new connection was open before the old one closed");
        Assert.Equal(2, Slack.Received.Count(r => r.Kind == "apps.connections.open"));
        var id = await second.SendEnvelopeAsync("slash_commands", Command("help", Slack.ResponseUrl("r1")));
        Assert.Contains("/braket info", Text((await second.WaitForAck(id)).GetProperty("payload")));
        Assert.Equal(HttpStatusCode.OK, (await Bot.ReadinessAsync()).Status);
    }

    [Fact]
    public async Task A_link_disabled_disconnect_closes_the_connection_and_readyz_says_so()
    {
        var link = await Connection();
        await Bot.WaitUntilReadyAsync();

        await link.SendDisconnectAsync("link_disabled");

        await link.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var (status, readiness) = await Bot.ReadinessAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", SocketCheck(readiness));
        Assert.Contains(
            "link_disabled",
            readiness.GetProperty("checks").GetProperty(SocketModeExtensions.ReadinessCheck).GetProperty("description").GetString()
        );
    }

    [Fact]
    public async Task An_envelope_redelivered_on_the_next_connection_after_a_lost_acknowledgement_is_acted_on_once()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1));
        Braket.Add(task);
        var first = await Connection();
        var command = Command("cancel " + task.QuantumTaskArn, Slack.ResponseUrl("c1"));
        var id = await first.SendEnvelopeAsync("slash_commands", command);
        await first.WaitForAck(id);

        // The acknowledgement is lost with the connection: Slack delivers the envelope again on the next one.
        first.Drop();
        var second = await Socket.WaitForLink(2);
        await second.SendEnvelopeAsync("slash_commands", command, envelopeId: id, retryAttempt: 1);
        var again = await second.WaitForAck(id);

        Assert.False(again.TryGetProperty("payload", out _), "a redelivery is acknowledged without a second answer");
        await Slack.WaitForResponses("c1");
        await SettleAsync();
        Assert.Single(Slack.Responses("c1"));
        Assert.Single(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(task.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task A_failed_connections_open_is_tried_again_and_readyz_says_why_meanwhile()
    {
        Slack.FailConnectionsOpen(2);
        await fixture.StartSocketModeAsync();

        var (status, body) = await Bot.ReadinessAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", SocketCheck(body));

        await Socket.WaitForLink(1);
        Assert.Equal(3, Slack.Received.Count(r => r.Kind == "apps.connections.open"));
        Assert.Equal("Healthy", SocketCheck(await Bot.WaitUntilReadyAsync()));
    }

    [Fact]
    public async Task A_command_from_another_workspace_is_acknowledged_and_not_acted_on()
    {
        Settings["Slack:TeamId"] = SlackRequests.TeamId;
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1));
        Braket.Add(task);
        var link = await Connection();

        var id = await link.SendEnvelopeAsync(
            "slash_commands",
            Command("cancel " + task.QuantumTaskArn, Slack.ResponseUrl("x1"), teamId: "T0OTHER")
        );

        var ack = await link.WaitForAck(id);
        Assert.False(ack.TryGetProperty("payload", out _));
        await SettleAsync();
        Assert.Empty(Slack.Responses("x1"));
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task An_events_api_envelope_opening_the_home_tab_is_acknowledged_and_publishes_it_once()
    {
        var link = await Connection();

        var id = await link.SendEnvelopeAsync("events_api", SlackRequests.HomeOpened(Admin, "EvSocket0001"));

        var ack = await link.WaitForAck(id);
        Assert.False(ack.TryGetProperty("payload", out _));
        var view = await Slack.WaitForHomeView(Admin);
        Assert.Contains(HomeView.Title, Text(view));
        // Slack's retry of the event comes in a new envelope with the same event_id: acknowledged, not acted on again.
        var retry = await link.SendEnvelopeAsync("events_api", SlackRequests.HomeOpened(Admin, "EvSocket0001"), retryAttempt: 1);
        await link.WaitForAck(retry);
        await SettleAsync();
        Assert.Equal(1, Slack.ViewsPublishedTo(Admin));
    }

    [Fact]
    public async Task Envelopes_with_a_field_that_is_no_text_are_ignored_or_acknowledged_and_the_connection_is_kept()
    {
        var link = await Connection();

        // A lone surrogate escape is valid JSON that no .NET string can hold: in the envelope's own id, and in the event's user.
        await link.SendAsync("""{"envelope_id":"\ud800","type":"events_api","payload":{}}""");
        var payload = SlackRequests.HomeOpened(Admin, "EvSurrogate2").Replace(Admin, "\\ud800", StringComparison.Ordinal);
        const string odd = "envelope-odd-user";
        await link.SendAsync($$"""{"envelope_id":"{{odd}}","type":"events_api","payload":{{payload}}}""");
        var fine = await link.SendEnvelopeAsync("events_api", SlackRequests.HomeOpened(Admin, "EvSocket0002"));

        await link.WaitForAck(odd);
        await link.WaitForAck(fine);
        await Slack.WaitForHomeView(Admin);
        Assert.Single(Socket.Links);
        Assert.Null(link.ClosedAt);
    }

    [Fact]
    public async Task A_click_that_arrives_while_the_command_queue_is_full_is_left_unacknowledged_and_its_redelivery_is_handled_once()
    {
        var logs = fixture.Logs;
        var inScope = Tasks.Many(2, Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1)).ToArray();
        Braket.Add(inScope);
        var link = await Connection();
        var queue = Bot.Service<CommandQueue>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var working = 0;
        var allWorking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var button = SlackRequests.ButtonPayload(
            CancelAllQueuedAction.Id,
            ButtonValues.Of(CancelScope.Device(BraketBot.Domain.Day.Parse("2022-04-10"), Tasks.Aspen)),
            Slack.ResponseUrl("q1"),
            Admin
        );
        string id;
        // The gate opens whatever happens: workers held at it would keep the shared host from settling for every later test.
        try
        {
            // Every worker busy at the gate first, then the line filled: nothing leaves the queue until the gate opens.
            for (var i = 0; i < CommandQueue.Workers; i++)
                Assert.True(queue.TryEnqueue<TimeProvider>(null, (_, _) =>
                    {
                        if (Interlocked.Increment(ref working) == CommandQueue.Workers)
                            allWorking.SetResult();
                        return gate.Task;
                    }));
            await allWorking.Task.WaitAsync(TimeSpan.FromSeconds(15));
            while (queue.TryEnqueue<TimeProvider>(null, (_, _) => gate.Task))
            {
                // Filling the line.
            }
            id = await link.SendEnvelopeAsync("interactive", button);
            await Slack.WaitFor(
                () => logs.Entries.Select(e => e.Message).FirstOrDefault(l => l.Contains($"envelope {id}", StringComparison.Ordinal)),
                what: "the busy log line"
            );
            Assert.Empty(link.Acks(id));
        }
        finally
        {
            gate.TrySetResult();
        }
        await Slack.WaitFor(() => queue.Unfinished == 0 ? "drained" : null, TimeSpan.FromSeconds(30), "the command queue drained");
        await link.SendEnvelopeAsync("interactive", button, envelopeId: id, retryAttempt: 1);

        await link.WaitForAck(id);
        await Slack.WaitFor(() => Slack.Responses("q1").Any(r => Text(r).Contains("cancelled 2 of 2")) ? "done" : null);
        await SettleAsync();
        Assert.Single(link.Acks(id));
        Assert.Equal(2, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
        Assert.All(inScope, t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
    }
}
