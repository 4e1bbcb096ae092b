using System.Net;
using System.Text.Json;
using BraketBot.Cancel;
using BraketBot.Tests.Support;
using BraketBot.Views;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Caps;

/// <summary>Cap enforcement through the real host: EventBridge events in, cancellations and alerts out.</summary>
[Collection(EnforcementHost.Name)]
public sealed class CapEnforcementTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
    }

    private async Task<HttpResponseMessage> Deliver(QuantumTaskSummary task, string? id = null)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task, id)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    private QuantumTaskSummary Created(string device, long shots, int minutes = 0)
    {
        var task = Tasks.Task(device, QuantumTaskStatus.Created, shots, Morning.AddMinutes(minutes));
        Braket.Add(task);
        return task;
    }

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    /// <summary>Waits until the alert channel has this many top-level messages and the last one reads as wanted.</summary>
    private Task<IReadOnlyList<FakeSlack.Message>> WaitForAlerts(int count, string? reading = null) =>
        Slack.WaitFor(
            () =>
                Slack.TopLevel is { } top && top.Count >= count && (reading is null || Text(top[count - 1]).Contains(reading)) ? top : null,
            what: $"{count} alert(s){(reading is null ? "" : $", the last reading '{reading}'")}"
        );

    [Fact]
    public async Task A_shot_breach_cancels_the_devices_queued_tasks_and_finishes_one_alert_in_place()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        var running = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 100, Morning);
        var otherDevice = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 5000, Morning);
        Braket.Add([.. queued, running, otherDevice]);
        var trigger = Created(Tasks.AspenArn, 50, 5);

        var response = await Deliver(trigger);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var alert = (await WaitForAlerts(1, "Cancelled 4 queued tasks")).Single();
        await SettleAsync();
        Assert.Equal("C0ALERTS", alert.Channel);
        var text = Text(alert);
        Assert.Contains("cap breached", text);
        Assert.Contains("Shots, Aspen-M-1", text);
        Assert.Contains("1,350 of 1,000", text);
        Assert.Contains("over by 350", text);
        Assert.Contains("Cancelled 4 queued tasks: 1,250 shots", text);
        Assert.Contains(trigger.QuantumTaskArn.Split('/')[^1], text);
        Assert.DoesNotContain(Tasks.Account, text); // task ids, never the account
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(QuantumTaskStatus.Running, Braket.Task(running.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(otherDevice.QuantumTaskArn).Status);
        Assert.Single(Slack.Bodies("chat.postMessage"));
        Assert.True(alert.Updates > 0, "the outcome replaced the announcement in place");
    }

    [Fact]
    public async Task The_alert_is_posted_first_saying_what_will_be_cancelled_and_then_shows_the_outcome()
    {
        Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100";
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "10"; // 40 cancels take about four seconds
        Settings["Braket:Quotas:CancelQuantumTask:Burst"] = "2";
        var queued = Tasks.Many(40, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning).ToArray();
        Braket.Add(queued);

        await Deliver(Created(Tasks.AnkaaArn, 10, 1));

        var first = (await WaitForAlerts(1)).Single();
        var cancelsSoFar = Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count;
        Assert.True(cancelsSoFar < 41, $"the alert came after {cancelsSoFar} of 41 cancels");
        Assert.Contains(
            "Cancelling 41 queued tasks (410 shots",
            MessageText.Of(Slack.Bodies("chat.postMessage").Single(), withFallback: true)
        );
        var finished = (await WaitForAlerts(1, "Cancelled 41 queued tasks")).Single();
        await SettleAsync();
        Assert.Equal(first.Ts, finished.Ts);
        Assert.Single(Slack.TopLevel);
    }

    [Fact]
    public async Task An_account_cost_breach_cancels_queued_tasks_on_every_device()
    {
        Settings["Caps:MaxCostPerDay"] = "10";
        var forte = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Morning); // $8.30
        var ankaa = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1000, Morning); // $1.20
        Braket.Add(forte, ankaa);
        var trigger = Created(Tasks.AnkaaArn, 1000, 1); // $1.20 more: $10.70

        await Deliver(trigger);

        var text = Text((await WaitForAlerts(1, "Cancelled 3 queued tasks")).Single());
        Assert.Contains("Cost, all devices", text);
        Assert.Contains("$10.70 of $10.00", text);
        Assert.Contains("over by $0.70", text);
        Assert.All([forte, ankaa, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(
            ["us-east-1", "us-west-1"],
            Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Select(FakeBraket.RegionOf).Distinct().Order()
        );
    }

    [Fact]
    public async Task A_warning_comes_first_then_the_breach_each_once()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 800, Morning));

        await Deliver(Created(Tasks.AspenArn, 50, 1));
        var warning = Text((await WaitForAlerts(1))[0]);
        await SettleAsync();
        await Deliver(Created(Tasks.AspenArn, 50, 2)); // 900: still a warning, already told
        await SettleAsync();
        await Deliver(Created(Tasks.AspenArn, 200, 3)); // 1,100: a breach
        var alerts = await WaitForAlerts(2, "Cancelled 3 queued tasks");
        await SettleAsync();

        Assert.Contains("near its cap", warning);
        Assert.Contains("850 of 1,000", warning);
        Assert.Contains("cap breached", Text(alerts[1]));
        Assert.Equal(2, Slack.TopLevel.Count);
    }

    [Fact]
    public async Task A_device_warning_button_names_its_device_and_cancels_only_that_device()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Settings["Slack:Admins:0"] = "U2147483697";
        var aspen = Tasks.Many(2, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        var others = new[]
        {
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 10, Morning),
        };
        Braket.Add([.. aspen, .. others]);

        await Deliver(Created(Tasks.AspenArn, 50, 1)); // 850 of 1,000: a warning
        var warning = (await WaitForAlerts(1, "near its cap"))[0];
        await SettleAsync();

        var button = warning
            .Body.GetProperty("blocks")
            .EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single();
        var value = button.GetProperty("value").GetString()!;
        Assert.True(ButtonValues.TryRead(value, out CancelScope? scope));
        Assert.Equal((Tasks.AspenArn, false), (scope.DeviceArn, scope.AllDevices));
        Assert.Contains(
            "*Aspen-M-1* created on 2022-04-10: 3 tasks, 850 shots right now",
            button.GetProperty("confirm").GetProperty("text").GetProperty("text").GetString()
        );

        await ClickAsync(CancelAllQueuedAction.Id, value, "w1");
        await Slack.WaitFor(() => Slack.Responses("w1").Any(r => MessageText.Of(r).Contains("cancelled 3 of 3")) ? "done" : null);
        await SettleAsync();

        Assert.All(others, t => Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(t.QuantumTaskArn).Status));
        Assert.All(aspen, t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
    }

    [Fact]
    public async Task An_account_warning_button_says_all_devices_in_its_value_and_its_dialog()
    {
        Settings["Caps:MaxShotsPerDay"] = "1000";
        Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 800, Morning));

        await Deliver(Created(Tasks.AspenArn, 50, 1));

        var warning = (await WaitForAlerts(1, "near its cap"))[0];
        var button = warning
            .Body.GetProperty("blocks")
            .EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single();
        Assert.True(ButtonValues.TryRead(button.GetProperty("value").GetString(), out CancelScope? scope));
        Assert.Equal((null, true), (scope.DeviceArn, scope.AllDevices));
        Assert.Contains("*all devices*", button.GetProperty("confirm").GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_new_warning_in_the_same_pass_as_more_cancels_of_an_alerted_breach_tells_the_cancels()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "1000";
        Settings["Caps:MaxShotsPerDay"] = "100000"; // one evaluation of every device per event
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 200, Morning)); // Aspen stays over its cap

        await Deliver(Created(Tasks.AspenArn, 50, 1));
        await WaitForAlerts(1, "Cancelled 1 queued tasks");
        await SettleAsync();
        Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 850, Morning)); // Ankaa at 85%: a new warning
        await Deliver(Created(Tasks.AspenArn, 70, 2)); // and Aspen still over: one more cancel

        var alerts = await WaitForAlerts(2, "Cancelled 1 queued tasks: 70 shots");
        await SettleAsync();
        Assert.Contains("near its cap", Text(alerts[1]));
        Assert.Equal(2, Slack.TopLevel.Count);
    }

    [Fact]
    public async Task The_same_event_three_times_and_a_burst_of_fifty_give_one_alert()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        Braket.Latency = TimeSpan.FromMilliseconds(30);
        var first = Created(Tasks.AspenArn, 500);

        for (var i = 0; i < 3; i++)
            await Deliver(first, id: "same-event-id");
        var burst = Enumerable.Range(0, 50).Select(i => Created(Tasks.AspenArn, 10, i + 1)).ToList();
        await Task.WhenAll(burst.Select(t => Deliver(t)));
        await WaitForAlerts(1);
        await SettleAsync();

        Assert.Single(Slack.TopLevel);
        // Coalesced: one evaluation in flight plus at most one pending, whatever the burst.
        Assert.InRange(Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count, 1, 3);
        // Every task cancelled once, whichever run took it.
        Assert.Equal(51, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
    }

    [Fact]
    public async Task Under_the_caps_nothing_happens()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100000";
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning));

        await Deliver(Created(Tasks.AspenArn, 50));
        await SettleAsync();

        Assert.NotEmpty(Braket.RequestsOf(BraketOperations.SearchQuantumTasks));
        Assert.Empty(Slack.Received);
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task A_dry_run_alerts_without_cancelling()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        Settings["Caps:Action"] = "AlertOnly";
        var queued = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning);
        Braket.Add(queued);

        await Deliver(Created(Tasks.AspenArn, 50));

        var text = Text((await WaitForAlerts(1))[0]);
        await SettleAsync();
        Assert.Contains("Dry run", text);
        Assert.Contains("2 queued tasks (450 shots", text);
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(queued.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task The_queued_basis_counts_what_the_old_tool_counted()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Settings["Caps:Basis"] = "Queued";
        Braket.Add(
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 600, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 1000, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 5000, Morning)
        );

        await Deliver(Created(Tasks.AspenArn, 50));
        await SettleAsync();
        Assert.Empty(Slack.TopLevel); // 600 QUEUED shots of 1,000: the old tool would not have fired either

        await SendCommandAsync("caps", "caps");
        var caps = JsonSerializer.Serialize((await Slack.WaitForResponses("caps"))[0]);
        Assert.Contains("600 of 1,000", caps);
        Assert.Contains("QUEUED tasks only", caps);
    }

    [Fact]
    public async Task A_storm_of_cancelled_events_raises_nothing()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1";
        var cancelled = Tasks.Many(30, Tasks.AspenArn, QuantumTaskStatus.Cancelled, 500, Morning).ToList();
        Braket.Add([.. cancelled]);

        var answers = await Task.WhenAll(cancelled.Select(t => Deliver(t)));
        await SettleAsync();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Empty(Braket.Requests);
        Assert.Empty(Slack.Received);
    }

    [Fact]
    public async Task A_slack_failure_on_the_alert_is_retried_and_delivered_once()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        // Four failures back off 1, 2, 2 and 2 s: the default 30 s ceiling would put the retry (1+2+4+8 s, less jitter) at the
        // edge of the wait below.
        Settings["Runs:RetryMax"] = "00:00:02";
        Slack.FailPostMessage(
            HttpStatusCode.InternalServerError,
            HttpStatusCode.InternalServerError,
            HttpStatusCode.InternalServerError,
            HttpStatusCode.InternalServerError
        );

        await Deliver(Created(Tasks.AspenArn, 50));

        await WaitForAlerts(1, "Cancelled 1 queued tasks");
        await SettleAsync();
        Assert.Single(Slack.TopLevel);
    }

    [Fact]
    public async Task A_post_that_landed_without_an_answer_is_found_not_posted_again()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        Slack.LoseAnswersOfPosts(1);

        await Deliver(Created(Tasks.AspenArn, 50));

        var alert = (await WaitForAlerts(1, "Cancelled 1 queued tasks")).Single();
        await SettleAsync();
        Assert.Single(Slack.TopLevel);
        Assert.Contains(Slack.Received, r =>
            r.Kind == "conversations.history" && r.Body.GetProperty("include_all_metadata").GetString() == "true"
        );
        Assert.True(alert.Updates > 0);
    }

    [Fact]
    public async Task A_slack_429_is_waited_out()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        Slack.FailPostMessage(HttpStatusCode.TooManyRequests);

        await Deliver(Created(Tasks.AspenArn, 50));

        await WaitForAlerts(1, "Cancelled 1 queued tasks");
        await SettleAsync();
        Assert.Single(Slack.TopLevel);
    }

    [Fact]
    public async Task The_reconcile_catches_what_no_event_reported()
    {
        Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100";
        var missed = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 500, Morning);
        Braket.Add(missed);
        _ = Client;

        using (var scope = Bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ReconcileJob>().RunAsync(CancellationToken.None);

        Assert.Contains("Ankaa-3", Text((await WaitForAlerts(1, "Cancelled 1 queued tasks"))[0]));
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(missed.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task Later_cancellations_the_same_day_are_a_follow_up_in_the_thread()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";

        await Deliver(Created(Tasks.AspenArn, 50, 1));
        var first = (await WaitForAlerts(1, "Cancelled 1 queued tasks"))[0];
        await SettleAsync();
        await Deliver(Created(Tasks.AspenArn, 70, 2));
        var reply = await Slack.WaitFor(() =>
            Slack.Messages.FirstOrDefault(m => m.ThreadTs is not null && Text(m).Contains("Cancelled 1 queued tasks: 70 shots"))
        );
        await SettleAsync();

        Assert.Equal(first.Ts, reply.ThreadTs);
        Assert.Contains("Follow-up", Text(reply));
        Assert.Single(Slack.TopLevel);
    }

    [Fact]
    public async Task A_task_known_only_from_an_event_counts_only_if_braket_knows_it()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        var queued = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Morning);
        Braket.Add(queued);
        var invented = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50_000, Morning.AddMinutes(1)); // never added to Braket

        await Deliver(invented);
        await SettleAsync();

        // The invented task was asked about once (and dropped), the real one once (its origin): never a task twice.
        Assert.Equal(2, Braket.RequestsOf(BraketOperations.GetQuantumTask).Count);
        Assert.Equal(2, Braket.RequestsOf(BraketOperations.GetQuantumTask).Select(r => r.Path).Distinct().Count());
        Assert.Empty(Slack.Received);
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(queued.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task An_access_denied_cancel_names_the_missing_action_and_never_the_account()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        Braket.Fail(BraketOperations.CancelQuantumTask, HttpStatusCode.Forbidden);

        await Deliver(Created(Tasks.AspenArn, 50));

        var text = Text((await WaitForAlerts(1, "could not be cancelled"))[0]);
        await SettleAsync();
        Assert.Contains("braket:CancelQuantumTask", text);
        Assert.DoesNotContain(Tasks.Account, text);
        Assert.DoesNotContain("arn:aws:iam", text);
        Assert.DoesNotContain("arn:aws:sts", text);
    }

    [Fact]
    public async Task A_breach_is_alerted_once_all_day_however_long_after_it_the_next_events_come()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 500, Morning)); // the day stays over its cap

        await Deliver(Created(Tasks.AspenArn, 50, 1));
        await WaitForAlerts(1, "Cancelled 1 queued tasks");
        await SettleAsync();
        Clock.Shift = TimeSpan.FromHours(3); // long past the first run's own claims
        await Deliver(Created(Tasks.AspenArn, 70, 2));
        await Slack.WaitFor(() => Slack.Messages.FirstOrDefault(m => m.ThreadTs is not null && Text(m).Contains("70 shots")));
        await SettleAsync();

        Assert.Single(Slack.TopLevel);
    }

    [Fact]
    public async Task A_task_braket_will_not_describe_does_not_stop_the_days_alert_and_is_never_cancelled_unchecked()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        Braket.Deny(BraketOperations.GetQuantumTask); // no task's reservation or job can be learnt

        var trigger = Created(Tasks.AspenArn, 50, 1);
        await Deliver(trigger);

        var text = Text((await WaitForAlerts(1, "Not cancelled: 1 tasks, 50 shots"))[0]);
        await SettleAsync();
        Assert.Contains("cap breached", text);
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
        Assert.Equal(QuantumTaskStatus.Created, Braket.Task(trigger.QuantumTaskArn).Status);
    }
}
