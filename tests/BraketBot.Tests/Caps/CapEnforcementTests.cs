using System.Net;
using System.Text.Json;
using BraketBot.Braket;
using BraketBot.Jobs;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Caps;

/// <summary>Cap enforcement through the real host: EventBridge events in, cancellations and alerts out.</summary>
public sealed class CapEnforcementTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly BotFactory bot = new();
    private HttpClient? client;

    public CapEnforcementTests()
    {
        bot.Braket.Devices.AddRange(Tasks.AllDevices);
        bot.Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
    }

    private HttpClient Client => client ??= bot.Client();

    public void Dispose()
    {
        client?.Dispose();
        bot.Dispose();
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
        bot.Braket.Add(task);
        return task;
    }

    private IReadOnlyList<JsonElement> Alerts => bot.Slack.Bodies("chat.postMessage");

    private static string Text(JsonElement message) => MessageText.Of(message, withFallback: true);

    private Task<JsonElement[]> WaitForAlerts(int count) =>
        bot.Slack.WaitFor(() => Alerts.Count >= count ? Alerts.ToArray() : null, what: $"{count} alert(s)");

    /// <summary>Waits until no evaluation is running or pending and the job queue is empty.</summary>
    private async Task Settle()
    {
        var storage = bot.Service<Hangfire.JobStorage>();
        for (var i = 0; i < 200; i++)
        {
            var monitor = storage.GetMonitoringApi();
            if (monitor.EnqueuedCount("default") == 0 && monitor.EnqueuedCount("alerts") == 0 && monitor.ProcessingCount() == 0
                && monitor.ScheduledCount() == 0)
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException("jobs did not settle");
    }

    [Fact]
    public async Task A_shot_breach_cancels_the_devices_queued_tasks_and_posts_one_alert()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        var running = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 100, Morning);
        var otherDevice = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 5000, Morning);
        bot.Braket.Add([.. queued, running, otherDevice]);
        var trigger = Created(Tasks.AspenArn, 50, 5);

        var response = await Deliver(trigger);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var alert = (await WaitForAlerts(1)).Single();
        Assert.Equal("C0ALERTS", alert.GetProperty("channel").GetString());
        var text = Text(alert);
        Assert.Contains("cap breached", text);
        Assert.Contains("Shots, Aspen-M-1", text);
        Assert.Contains("1,350 of 1,000", text);
        Assert.Contains("over by 350", text);
        Assert.Contains("Cancelled 4 queued tasks: 1,250 shots", text);
        Assert.Contains(trigger.QuantumTaskArn, text);
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, bot.Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(QuantumTaskStatus.Running, bot.Braket.Task(running.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Queued, bot.Braket.Task(otherDevice.QuantumTaskArn).Status);
        await Settle();
        Assert.Single(Alerts);
    }

    [Fact]
    public async Task An_account_cost_breach_cancels_queued_tasks_on_every_device()
    {
        bot.Settings["Caps:MaxCostPerDay"] = "10";
        var forte = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Morning);   // $8.30
        var ankaa = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1000, Morning);  // $1.20
        bot.Braket.Add(forte, ankaa);
        var trigger = Created(Tasks.AnkaaArn, 1000, 1);                                   // $1.20 more: $10.70

        await Deliver(trigger);

        var text = Text((await WaitForAlerts(1)).Single());
        Assert.Contains("Cost, all devices", text);
        Assert.Contains("$10.70 of $10.00", text);
        Assert.Contains("over by $0.70", text);
        Assert.All([forte, ankaa, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, bot.Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(["us-east-1", "us-west-1"], bot.Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Select(FakeBraket.RegionOf).Distinct().Order());
    }

    [Fact]
    public async Task A_warning_comes_first_then_the_breach_each_once()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        bot.Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 800, Morning));

        await Deliver(Created(Tasks.AspenArn, 50, 1));
        var warning = Text((await WaitForAlerts(1))[0]);
        await Settle();
        await Deliver(Created(Tasks.AspenArn, 50, 2));   // 900: still a warning, already told
        await Settle();
        await Deliver(Created(Tasks.AspenArn, 200, 3));  // 1,100: a breach
        var alerts = await WaitForAlerts(2);
        await Settle();

        Assert.Contains("near its cap", warning);
        Assert.Contains("850 of 1,000", warning);
        Assert.Contains(CancelAllQueuedButton, alerts[0].GetProperty("blocks").ToString());
        Assert.Contains("cap breached", Text(alerts[1]));
        Assert.Equal(2, Alerts.Count);
    }

    private const string CancelAllQueuedButton = "\"action_id\":\"cancel_all_queued\"";

    [Fact]
    public async Task The_same_event_three_times_and_a_burst_of_fifty_give_one_alert()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        bot.Braket.Latency = TimeSpan.FromMilliseconds(30);
        var first = Created(Tasks.AspenArn, 500);

        for (var i = 0; i < 3; i++) await Deliver(first, id: "same-event-id");
        var burst = Enumerable.Range(0, 50).Select(i => Created(Tasks.AspenArn, 10, i + 1)).ToList();
        await Task.WhenAll(burst.Select(t => Deliver(t)));
        await WaitForAlerts(1);
        await Settle();

        Assert.Single(Alerts);
        // Coalesced: one evaluation in flight plus at most one pending, whatever the burst.
        Assert.InRange(bot.Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count, 1, 3);
    }

    [Fact]
    public async Task Under_the_caps_nothing_happens()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100000";
        bot.Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning));

        await Deliver(Created(Tasks.AspenArn, 50));
        await bot.Slack.WaitFor(() => bot.Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count > 0 ? "scanned" : null);
        await Settle();

        Assert.Empty(Alerts);
        Assert.Empty(bot.Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task A_dry_run_alerts_without_cancelling()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        bot.Settings["Caps:Action"] = "AlertOnly";
        var queued = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning);
        bot.Braket.Add(queued);

        await Deliver(Created(Tasks.AspenArn, 50));

        var text = Text((await WaitForAlerts(1))[0]);
        Assert.Contains("Dry run", text);
        Assert.Contains("2 queued tasks (450 shots", text);
        Assert.Empty(bot.Braket.RequestsOf(BraketOperations.CancelQuantumTask));
        Assert.Equal(QuantumTaskStatus.Queued, bot.Braket.Task(queued.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task The_queued_basis_counts_what_the_old_tool_counted()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        bot.Settings["Caps:Basis"] = "Queued";
        bot.Braket.Add(
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 600, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 1000, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 5000, Morning));

        await Deliver(Created(Tasks.AspenArn, 50));
        await bot.Slack.WaitFor(() => bot.Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count > 0 ? "scanned" : null);
        await Settle();
        Assert.Empty(Alerts); // 600 QUEUED shots of 1,000: the old tool would not have fired either

        var body = SlackRequests.CommandBody("caps", bot.Slack.ResponseUrl("caps"));
        await Client.SendAsync(SlackRequests.Signed("/slack/commands", body, bot.Clock.GetUtcNow()));
        var caps = JsonSerializer.Serialize((await bot.Slack.WaitForResponses("caps"))[0]);
        Assert.Contains("600 of 1,000", caps);
        Assert.Contains("QUEUED tasks only", caps);
    }

    [Fact]
    public async Task A_storm_of_cancelled_events_raises_nothing()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1";
        var cancelled = Tasks.Many(30, Tasks.AspenArn, QuantumTaskStatus.Cancelled, 500, Morning).ToList();
        bot.Braket.Add([.. cancelled]);

        var answers = await Task.WhenAll(cancelled.Select(t => Deliver(t)));
        await Settle();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Empty(bot.Braket.Requests);
        Assert.Empty(Alerts);
    }

    [Fact]
    public async Task A_slack_failure_on_the_alert_is_retried_and_delivered_once()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        // More failures than the HTTP retries absorb: the Hangfire job must try again.
        bot.Slack.FailPostMessage(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError,
            HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError);

        await Deliver(Created(Tasks.AspenArn, 50));

        await bot.Slack.WaitFor(() => Alerts.Count > 0 ? "posted" : null, TimeSpan.FromSeconds(30));
        await Settle();
        Assert.Single(Alerts);
    }

    [Fact]
    public async Task A_slack_429_is_waited_out()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";
        bot.Slack.FailPostMessage(HttpStatusCode.TooManyRequests);

        await Deliver(Created(Tasks.AspenArn, 50));

        await WaitForAlerts(1);
        await Settle();
        Assert.Single(Alerts);
    }

    [Fact]
    public async Task The_reconcile_catches_what_no_event_reported()
    {
        bot.Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100";
        var missed = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 500, Morning);
        bot.Braket.Add(missed);
        _ = Client;

        using (var scope = bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ReconcileJob>().RunAsync(CancellationToken.None);

        Assert.Contains("Ankaa-3", Text((await WaitForAlerts(1))[0]));
        Assert.Equal(QuantumTaskStatus.Cancelling, bot.Braket.Task(missed.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task Later_cancellations_the_same_day_are_a_follow_up_in_the_thread()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10";

        await Deliver(Created(Tasks.AspenArn, 50, 1));
        var first = (await WaitForAlerts(1))[0];
        await Settle();
        await Deliver(Created(Tasks.AspenArn, 70, 2));
        var alerts = await WaitForAlerts(2);

        Assert.False(first.TryGetProperty("thread_ts", out _));
        Assert.Equal("1700000000.000001", alerts[1].GetProperty("thread_ts").GetString());
        Assert.Contains("Follow-up", Text(alerts[1]));
        Assert.Contains("Cancelled 1 queued tasks: 70 shots", Text(alerts[1]));
    }
}
