using System.Text.Json;
using BraketBot.Digest;
using BraketBot.Info;
using BraketBot.Tests.Support;
using BraketBot.Views;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Caps;

/// <summary>
/// The usage ledger through the real host: events recorded in any order, decisions read from it and
/// confirmed by one scan, the reconcile repairing it, reports answered from it, monthly caps, the digest.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class LedgerFlowTests(AppFixture fixture) : LedgerTests(fixture)
{
    private int Searches => Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count;

    private async Task<string> Deliver(QuantumTaskSummary task, string? id = null, DateTimeOffset? time = null)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task, id, time)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
    }

    private QuantumTaskSummary InBraket(string device, QuantumTaskStatus status, long shots, int minutes = 0)
    {
        var task = Tasks.Task(device, status, shots, Morning.AddMinutes(minutes));
        Braket.Add(task);
        return task;
    }

    /// <summary>Every text of the answer (context lines and buttons too), its table columns folded to one space.</summary>
    private async Task<string> Ask(string text, string id)
    {
        await SendCommandAsync(text, id);
        return Squeeze(Json((await Slack.WaitForResponses(id))[0]));
    }

    private static string Json(JsonElement message) =>
        JsonSerializer.Serialize(
            message.GetProperty("blocks"),
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
        );

    /// <summary>The table's columns with their padding folded to one space.</summary>
    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, " +", " ");

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    [Fact]
    public async Task Events_out_of_order_and_twice_end_in_the_right_status_and_cost_one_get_per_new_task()
    {
        await ReconcileNowAsync(); // the ledger holds today from here on
        var before = Braket.Requests.Count;
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 100, Morning);
        var other = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 7, Morning);
        // as Braket has them by now
        Braket.Add(task with { Status = QuantumTaskStatus.Completed }, other with { Status = QuantumTaskStatus.Running });

        Assert.Equal("recorded", await Deliver(task with { Status = QuantumTaskStatus.Completed }, "done", Morning.AddMinutes(10)));
        Assert.Equal("recorded", await Deliver(task with { Status = QuantumTaskStatus.Queued }, "queued", Morning.AddMinutes(1)));
        Assert.Equal("recorded", await Deliver(task, "created", Morning));
        Assert.Equal("duplicate", await Deliver(task with { Status = QuantumTaskStatus.Completed }, "done", Morning.AddMinutes(10)));
        Assert.Equal("recorded", await Deliver(other with { Status = QuantumTaskStatus.Running }, "running", Morning.AddMinutes(3)));
        Assert.Equal("recorded", await Deliver(other with { Status = QuantumTaskStatus.Queued }, "late", Morning.AddMinutes(2)));

        var report = await Ask("info today Aspen-M-1", "info");
        Assert.Contains("COMPLETED 1 100", report);
        Assert.Contains("RUNNING 1 7", report);
        Assert.Contains("QUEUED 0 0", report);
        Assert.Contains("Total 2 107", report);
        Assert.Contains("From BraketBot's ledger: last event", report);
        // Each new task cost one GetQuantumTask (its origin, which events do not tell); nothing else asked Braket, the report least of all.
        var asked = Braket.Requests.Skip(before).ToList();
        Assert.All(asked, r => Assert.Equal(BraketOperations.GetQuantumTask, r.Operation));
        Assert.Equal(2, asked.Count);
    }

    [Fact]
    public async Task The_reconcile_repairs_what_events_missed_in_any_region()
    {
        var aspen = InBraket(Tasks.AspenArn, QuantumTaskStatus.Queued, 300);
        await ReconcileNowAsync();
        Braket.SetStatus(aspen.QuantumTaskArn, QuantumTaskStatus.Completed); // its events were lost
        InBraket(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 500, 5); // so were this one's
        // us-east-1 has no EventBridge stack at all; a task created after the last tick is found by the next
        Braket.Add(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 20, Clock.GetUtcNow()));

        var stale = await Ask("info", "stale");
        await ReconcileNowAsync();
        var repaired = await Ask("info", "repaired");

        Assert.Contains("QUEUED 1 300", stale);
        Assert.DoesNotContain("Ankaa-3", stale);
        Assert.Contains("COMPLETED 1 300", repaired);
        Assert.Contains("*Ankaa-3*", repaired);
        Assert.Contains("*Forte-1*", repaired);
        Assert.Equal(
            ["us-east-1", "us-west-1"],
            Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Select(FakeBraket.RegionOf).Distinct().Order()
        );
    }

    [Fact]
    public async Task A_breach_the_ledger_sees_is_confirmed_by_one_scan_before_anything_is_cancelled()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        InBraket(Tasks.AspenArn, QuantumTaskStatus.Queued, 350);
        InBraket(Tasks.AspenArn, QuantumTaskStatus.Queued, 350);
        await ReconcileNowAsync();
        var scans = Searches;

        Assert.Equal("evaluating", await Deliver(InBraket(Tasks.AspenArn, QuantumTaskStatus.Queued, 50, 1)));
        await SettleAsync();
        Assert.Equal(scans, Searches); // 750 of 1,000: the ledger says nothing to do, and asks Braket nothing
        Assert.Empty(Slack.Received);

        await Deliver(InBraket(Tasks.AspenArn, QuantumTaskStatus.Created, 400, 2));
        var alert = await Slack.WaitFor(() => Slack.TopLevel.FirstOrDefault(m => Text(m).Contains("Cancelled 4 queued tasks")));
        await SettleAsync();

        Assert.Equal(scans + 1, Searches);
        Assert.Contains("1,150 of 1,000", Text(alert));
        Assert.Single(Slack.TopLevel);
        Assert.Equal(4, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
        Assert.Contains("CANCELLING 4 1,150", await Ask("info today Aspen-M-1", "after")); // the ledger heard of its own cancels
    }

    [Fact]
    public async Task A_breach_the_scan_refutes_changes_nothing_and_repairs_the_ledger()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Settings["Caps:WarnAt"] = "0.95";
        var queued = Enumerable.Range(0, 3).Select(_ => InBraket(Tasks.AspenArn, QuantumTaskStatus.Queued, 300)).ToList();
        await ReconcileNowAsync();
        Braket.SetStatus(queued[0].QuantumTaskArn, QuantumTaskStatus.Cancelled); // cancelled in the console; the events were lost
        Braket.SetStatus(queued[1].QuantumTaskArn, QuantumTaskStatus.Cancelled);
        var scans = Searches;

        await Deliver(InBraket(Tasks.AspenArn, QuantumTaskStatus.Created, 200, 1)); // the ledger: 1,100 of 1,000
        await SettleAsync();

        Assert.Equal(scans + 1, Searches);
        Assert.Empty(Slack.Received);
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
        var report = await Ask("info today Aspen-M-1", "repaired");
        Assert.Contains("CANCELLED 2 600", report);
        Assert.Contains("QUEUED 1 300", report);

        await Deliver(InBraket(Tasks.AspenArn, QuantumTaskStatus.Created, 10, 2));
        await SettleAsync();
        Assert.Equal(scans + 1, Searches); // repaired: 510 of 1,000 asks nothing more
    }

    [Fact]
    public async Task An_event_of_a_task_braket_does_not_know_is_dropped_from_the_ledger_by_the_confirming_scan()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        await ReconcileNowAsync();
        var invented = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50_000, Morning); // never in Braket

        await Deliver(invented);
        await SettleAsync();

        Assert.Single(Braket.RequestsOf(BraketOperations.GetQuantumTask));
        Assert.Empty(Slack.Received);
        Assert.Contains("No tasks were created", await Ask("info", "after"));
    }

    [Fact]
    public async Task Info_answers_from_the_ledger_and_refresh_asks_braket()
    {
        InBraket(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000);
        await ReconcileNowAsync();
        var scans = Searches;

        var report = await Ask("info today Ankaa-3", "ledger");
        Assert.Equal(scans, Searches);
        Assert.Contains("COMPLETED 1 1,000", report);
        Assert.Contains("From BraketBot's ledger: no event received yet, day last scanned", report);
        Assert.Contains("Refresh", report);

        var value = ButtonValues.Of(new InfoQuery(Day.Parse("2022-04-10"), Tasks.AnkaaArn));
        await ClickAsync(RefreshReportAction.Id, value, "refresh");
        var refreshed = Json((await Slack.WaitForResponses("refresh"))[0]);
        Assert.Equal(scans + 1, Searches);
        Assert.DoesNotContain("From BraketBot's ledger", refreshed);

        Assert.Contains("From BraketBot's ledger", await Ask("info yesterday", "backfilled")); // the reconcile filled the month so far
        Assert.Equal(scans + 1, Searches);
        // A day the ledger does not hold is scanned.
        Assert.DoesNotContain("From BraketBot's ledger", await Ask("info 2022-03-30", "not-held"));
        Assert.Equal(scans + 3, Searches);
    }

    [Fact]
    public async Task A_monthly_cap_counts_the_month_of_its_zone_from_one_scan_and_alerts_once_for_the_month()
    {
        Settings["Caps:TimeZone"] = "Europe/Berlin";
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerMonth"] = "1000";
        Braket.Add(
            // 04-01 00:30 in Berlin
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 600, new DateTimeOffset(2022, 3, 31, 22, 30, 0, TimeSpan.Zero)),
            // 03-31 23:30: March
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 5000, new DateTimeOffset(2022, 3, 31, 21, 30, 0, TimeSpan.Zero)),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 300, new DateTimeOffset(2022, 4, 5, 12, 0, 0, TimeSpan.Zero))
        );

        await Deliver(InBraket(Tasks.AspenArn, QuantumTaskStatus.Created, 200));
        var alert = await Slack.WaitFor(() => Slack.TopLevel.FirstOrDefault(m => Text(m).Contains("Cancelled 1 queued tasks")));
        await SettleAsync();

        var text = Text(alert);
        Assert.Contains("Shots this month, Aspen-M-1", text);
        Assert.Contains("1,100 of 1,000", text);
        var search = Assert.Single(Braket.RequestsOf(BraketOperations.SearchQuantumTasks)); // the month to date in one paced scan
        Assert.Contains("2022-03-31T22:00:00Z", search.Body); // from midnight of April 1st in Berlin

        await Deliver(InBraket(Tasks.AspenArn, QuantumTaskStatus.Created, 150, 1)); // 900 (the 200 are cancelled) + 150: over again
        var reply = await Slack.WaitFor(() =>
            Slack.Messages.FirstOrDefault(m => m.ThreadTs is not null && Text(m).Contains("Cancelled 1 queued tasks: 150 shots"))
        );
        await SettleAsync();
        Assert.Equal(alert.Ts, reply.ThreadTs); // the month's alert is followed up in its thread, not alerted again
        Assert.Single(Slack.TopLevel);

        await ReconcileNowAsync(); // the whole month for every device, so the month report is complete
        var month = await Ask("info month", "month");
        Assert.Contains("Braket usage in 2022-04, to 2022-04-10", month);
        Assert.Contains("2022-04-01 1 $0.51", month); // 600 shots at $0.00035, plus $0.30
        Assert.Contains("Shots this month, Aspen-M-1", month);
        Assert.Contains("At this pace the month ends at about", month);
        Assert.DoesNotContain("does not hold", month);
        Assert.DoesNotContain("5,000", month);
        var caps = await Ask("caps", "caps");
        Assert.Contains("2022-04 to date", caps);
        Assert.Contains("Shots this month, Aspen-M-1*: `▓▓▓▓▓▓▓▓▓░ 90%` 900 of 1,000", caps); // what was cancelled no longer counts
    }

    [Fact]
    public async Task The_digest_tells_yesterday_once()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        var yesterday = Morning.AddDays(-1);
        Braket.Add(
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 80, yesterday),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Cancelled, 500, yesterday),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 10, yesterday)
        );

        for (var i = 0; i < 2; i++)
            using (var scope = Bot.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None);

        var digest = Text(Assert.Single(Slack.TopLevel));
        Assert.Contains("Braket digest for 2022-04-09", digest);
        Assert.Contains("Forte-1", digest);
        Assert.Contains("1 tasks were cancelled (500 shots", digest);
        Assert.Contains("Shots, Aspen-M-1*: `▓▓▓▓▓▓▓▓░░ 80%` 80 of 100", digest);
        Assert.Contains("No cap was crossed", digest);
        Assert.Equal(
            ["us-east-1", "us-west-1"],
            Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Select(FakeBraket.RegionOf).Order()
        ); // yesterday, scanned into the ledger once
    }

    [Fact]
    public void The_digest_is_scheduled_only_when_its_cron_is_set()
    {
        // Owns a second host: the digest is scheduled at start (DigestSchedule), from Caps:DigestCron as it is then.
        using var withDigest = new OwnHost();
        withDigest.Settings["Caps:DigestCron"] = "0 9 * * *";
        _ = withDigest.Client;

        using (var connection = withDigest.Bot.Service<JobStorage>().GetConnection())
            Assert.Contains(connection.GetRecurringJobs(), j => j.Id == DigestJob.Id && j.Cron == "0 9 * * *");
        using (var connection = Bot.Service<JobStorage>().GetConnection())
        {
            Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == DigestJob.Id);
            Assert.Contains(connection.GetRecurringJobs(), j => j.Id == ReconcileJob.Id);
        }
    }
}
