using System.Net;
using Amazon.Runtime;
using BraketBot.Cancel;
using BraketBot.Digest;
using BraketBot.Limits;
using BraketBot.Tests.Support;
using BraketBot.Views;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using WireMock;

namespace BraketBot.Tests.Storage;

/// <summary>
/// Several BraketBot instances on one PostgreSQL database, as on a Fly.io app scaled to two machines: the collection's shared
/// <see cref="HostPair"/>, but for the tests that start instances of their own.
/// </summary>
[Collection(ScaleOutHosts.Name)]
public sealed class ScaleOutTests(HostPair pair) : HostPairTests(pair)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange() =>
        SetOnBoth(
            new Dictionary<string, string?>
            {
                ["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100",
                ["Braket:Quotas:CancelQuantumTask:Rate"] = "200",
            }
        );

    [PostgresFact]
    public async Task An_event_delivered_to_both_hosts_gives_one_evaluation_and_one_alert()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 500, Morning);
        Braket.Add(task);
        var body = Events.TaskStateChange(task, id: "shared-event");

        var answers = await Task.WhenAll(ClientA.SendAsync(Events.Post(body)), ClientB.SendAsync(Events.Post(body)));

        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Accepted);
        await Slack.WaitFor(() => Slack.Bodies("chat.postMessage").Count > 0 ? "alert" : null);
        await Pair.SettleAsync();
        Assert.Single(Slack.Bodies("chat.postMessage"));
        Assert.Single(Braket.RequestsOf(BraketOperations.SearchQuantumTasks));
    }

    [PostgresFact]
    public async Task Clicks_on_two_hosts_give_one_cancel_run()
    {
        Braket.Add([.. Tasks.Many(30, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning)]);
        Braket.Latency = TimeSpan.FromMilliseconds(20);
        var value = ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), Tasks.Ankaa));
        HttpRequestMessage Click(string id) =>
            SlackRequests.Signed(
                "/slack/interactions",
                SlackRequests.ButtonBody(CancelAllQueuedAction.Id, value, Slack.ResponseUrl(id)),
                A.Clock.GetUtcNow()
            );

        await Task.WhenAll(ClientA.SendAsync(Click("a")), ClientB.SendAsync(Click("b")));

        await Slack.WaitFor(() => Slack.Received.Any(r => r.Body.ToString().Contains("cancelled 30 of 30")) ? "done" : null);
        await Slack.WaitFor(() => Slack.Received.Any(r => r.Body.ToString().Contains("being cancelled already")) ? "refused" : null);
        Assert.Equal(30, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
    }

    /// <summary>Its own two hosts: a reconcile ticking every two seconds is a schedule read once at start.</summary>
    [PostgresFact]
    public async Task A_recurring_tick_runs_on_one_host_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var (a, b) = (
            new BotFactory(braket: braket, slack: slack).OnPostgres(database.ConnectionString),
            new BotFactory(braket: braket, slack: slack).OnPostgres(database.ConnectionString)
        );
        foreach (var host in new[] { a, b })
        {
            host.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
            host.Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
            host.Settings["Caps:ReconcileCron"] = "*/2 * * * * *";
        }
        using (a)
        using (b)
        {
            using var clientA = a.Client();
            using var clientB = b.Client();
            var monitor = a.Service<JobStorage>().GetMonitoringApi();
            List<DateTime> Reconciles() =>
                monitor
                    .SucceededJobs(0, 1000)
                    .Where(j => j.Value.Job?.Type == typeof(ReconcileJob))
                    .Select(j => monitor.JobDetails(j.Key).CreatedAt!.Value)
                    .Order()
                    .ToList();
            // Three ticks with both hosts up: a twin of any earlier tick would be there by the third.
            await slack.WaitFor(() => Reconciles().Count >= 3 ? "ticks" : null, TimeSpan.FromSeconds(30), "three reconcile ticks");
            await Task.WhenAll(a.SettleAsync(), b.SettleAsync());
            var created = Reconciles();

            // A tick every two seconds, each run once: a second host running the same tick would create a twin within a second.
            Assert.True(created.Count >= 3, $"{created.Count} reconciles");
            Assert.All(created.Zip(created.Skip(1)), pair =>
                Assert.True(pair.Second - pair.First > TimeSpan.FromSeconds(1), $"{pair.First:O} and {pair.Second:O}")
            );
        }
    }

    [PostgresFact]
    public async Task The_daily_rescan_runs_once_across_instances()
    {
        // No scheduled tick of either job on the pair (HostPair): both hosts are asked at once, as two schedulers might.
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 20, Morning));

        await Task.WhenAll(
            Pair.Both.Select(async host =>
            {
                using var scope = host.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<LedgerRescanJob>().RunAsync(new LedgerRescanArgs(), CancellationToken.None);
            })
        );

        // One pass per watched region (us-west-1, us-east-1), from one host: the other found the day's claim taken.
        var searches = Braket.RequestsOf(BraketOperations.SearchQuantumTasks);
        Assert.Equal(["us-east-1", "us-west-1"], searches.Select(FakeBraket.RegionOf).Order());
        Assert.Contains("2022-04-01T00:00:00Z", searches[0].Body); // from the first of yesterday's month
    }

    /// <summary>Its own instances: host A is a built process that is killed, host B starts after it on the same real clock.</summary>
    [PostgresFact]
    public async Task An_alert_whose_host_died_is_delivered_by_the_other_host()
    {
        await using var process = await BuiltProcess.OnPostgresAsync();
        var (braket, slack) = (process.Braket, process.Slack);
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 500, DateTimeOffset.UtcNow);
        braket.Add(task);
        slack.HangNextPostMessage(TimeSpan.FromSeconds(20));
        var settings = process.Settings(
            new Dictionary<string, string>
            {
                ["Storage:JobInvisibilityTimeout"] = "00:00:05",
                ["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100",
            }
        );

        // Host A takes the event and dies while posting the alert.
        using (var hostA = await BotProcess.StartAsync(settings))
        {
            await BuiltProcess.DeliverAsync(hostA, task);
            await slack.WaitFor(() => slack.Hanging > 0 ? "hanging" : null, TimeSpan.FromSeconds(30), "host A's alert post");
            hostA.Kill();
        }
        Assert.Empty(slack.Bodies("chat.postMessage"));

        // Host B, started after (on the same real clock), takes the run over once host A's lease runs out.
        using var hostB = new BotFactory(braket: braket, slack: slack, now: DateTimeOffset.UtcNow).OnPostgres(
            process.Database.ConnectionString
        );
        hostB.Settings["Storage:JobInvisibilityTimeout"] = "00:00:05";
        hostB.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        using var clientB = hostB.Client();
        var alert = await slack.WaitFor(
            () => slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("Cancelled 1 queued tasks")),
            TimeSpan.FromSeconds(150),
            "the alert from host B"
        );
        await hostB.SettleAsync();
        Assert.Contains("cap breached", alert.Body.ToString());
        Assert.Single(slack.TopLevel);
        Assert.Single(slack.Bodies("chat.postMessage"));
    }

    [PostgresFact]
    public async Task Two_hosts_post_one_digest_of_yesterday()
    {
        // Both hosts run the job at once, as two schedulers might (Caps:DigestCron, read at start, only schedules it).
        Braket.Devices.AddRange(Tasks.AllDevices);
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 80, Morning.AddDays(-1)));

        await Task.WhenAll(
            Pair.Both.Select(async host =>
            {
                using var scope = host.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None);
            })
        );

        var digest = Assert.Single(Slack.TopLevel);
        Assert.Contains("Braket digest for 2022-04-09", digest.Body.ToString());
        Assert.Single(Slack.Bodies("chat.postMessage"));
    }

    [PostgresFact]
    public async Task Two_hosts_post_one_digest_per_channel_and_their_retries_only_the_one_slack_refused()
    {
        SetOnBoth(
            new Dictionary<string, string?>
            {
                ["Budgets:alpha:Tag"] = "team=alpha",
                ["Budgets:alpha:Channel"] = "C0ALPHA",
                ["Budgets:alpha:MaxShotsPerDay"] = "1000",
                ["Budgets:beta:Tag"] = "team=beta",
                ["Budgets:beta:Channel"] = "C0BETA",
                ["Budgets:beta:MaxShotsPerDay"] = "1000",
            }
        );
        Braket.Devices.AddRange(Tasks.AllDevices);
        Braket.Add(
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 80, Morning.AddDays(-1)) with
            {
                Tags = new Dictionary<string, string> { ["team"] = "alpha" },
            },
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 10, Morning.AddDays(-1)) with
            {
                Tags = new Dictionary<string, string> { ["team"] = "beta" },
            }
        );
        async Task<bool> FailsAsync(BotFactory host)
        {
            using var scope = host.Services.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(new DigestArgs(), CancellationToken.None);
                return false;
            }
            catch (InvalidOperationException)
            {
                return true; // Hangfire retries the job
            }
        }
        IEnumerable<string?> Posted() => Slack.TopLevel.Select(m => m.Channel).Order();

        Slack.RefusePostsIn("C0BETA", "not_in_channel");
        var failed = await Task.WhenAll(FailsAsync(A), FailsAsync(B));
        Assert.Contains(true, failed);
        Assert.Equal(["C0ALERTS", "C0ALPHA"], Posted());

        Slack.AcceptPostsIn("C0BETA");
        await Task.WhenAll(FailsAsync(A), FailsAsync(B));
        Assert.Equal(["C0ALERTS", "C0ALPHA", "C0BETA"], Posted());
        Assert.Equal(2, Slack.Bodies("chat.postMessage").Count(p => p.GetProperty("channel").GetString() != "C0BETA"));
    }

    [PostgresFact]
    public async Task Two_hosts_on_one_database_renew_a_stale_spending_limit_once()
    {
        Braket.Latency = TimeSpan.FromMilliseconds(100);
        var yesterday = new DateTimeOffset(2022, 4, 9, 0, 0, 0, TimeSpan.Zero);
        Braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, yesterday, yesterday.AddDays(1), tags: LimitTags.For(LimitRenewal.Day));

        // The sync each host queues as it starts (LimitSyncTriggers), queued on both at once.
        foreach (var host in Pair.Both)
            host.Service<IBackgroundJobClient>()
                .Enqueue<LimitSyncJob>(job => job.SyncNowAsync(new LimitSyncArgs("start"), CancellationToken.None));
        await Slack.WaitFor(
            () => Braket.RequestsOf(BraketOperations.UpdateSpendingLimit).Count > 0 ? "renewed" : null,
            what: "the renewal"
        );
        await Pair.SettleAsync(TimeSpan.FromSeconds(60));

        Assert.Single(Braket.RequestsOf(BraketOperations.UpdateSpendingLimit));
        Assert.Equal(yesterday.AddDays(1).ToUnixTimeSeconds(), Braket.SpendingLimits.Single().StartAt);
    }

    private static readonly ImmutableCredentials HostAKeys = new("AKIDHOSTA", "host-a-secret", null);
    private static readonly ImmutableCredentials HostBKeys = new("AKIDHOSTB", "host-b-secret", null);

    /// <summary>Which host signed a request: each has its own access key.</summary>
    private static string SignedBy(IRequestMessage request) =>
        request.Headers!["Authorization"].ToString().Contains("AKIDHOSTB", StringComparison.Ordinal) ? "b" : "a";

    [PostgresFact]
    public async Task A_host_whose_clock_runs_a_minute_ahead_does_not_take_over_a_live_run()
    {
        // Slow enough cancels (2 a second) that host b looks for stalled runs at least once while host a's run is live.
        SetOnBoth(
            new Dictionary<string, string?>
            {
                ["Braket:Quotas:CancelQuantumTask:Rate"] = "2",
                ["Braket:Quotas:CancelQuantumTask:Burst"] = "2",
            }
        );
        A.Credentials = HostAKeys;
        B.Credentials = HostBKeys;
        B.Clock.Shift = TimeSpan.FromMinutes(1); // past host a's 30-second leases by its own clock, all along
        var tasks = Tasks.Many(30, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning).ToList();
        Braket.Add([.. tasks]);
        var value = ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), Tasks.Ankaa));

        await ClientA.SendAsync(
            SlackRequests.Signed(
                "/slack/interactions",
                SlackRequests.ButtonBody(CancelAllQueuedAction.Id, value, Slack.ResponseUrl("a")),
                A.Clock.GetUtcNow()
            )
        );

        await Slack.WaitFor(
            () => tasks.All(t => Braket.Task(t.QuantumTaskArn).Status == QuantumTaskStatus.Cancelling) ? "cancelled" : null,
            TimeSpan.FromSeconds(60),
            "every task cancelled"
        );
        await Pair.SettleAsync();
        var cancels = Braket.RequestsOf(BraketOperations.CancelQuantumTask);
        Assert.Equal(30, cancels.Count);
        Assert.All(cancels, c => Assert.Equal("a", SignedBy(c)));
    }

    [PostgresFact]
    public async Task A_limit_sync_that_lost_its_guard_writes_nothing_and_the_host_that_took_it_renews_once()
    {
        // The syncs are started by the test, each on its own host; the renewal tick finds none due (the reset's sync set the next).
        var yesterday = new DateTimeOffset(2022, 4, 9, 0, 0, 0, TimeSpan.Zero);
        Braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, yesterday, yesterday.AddDays(1), tags: LimitTags.For(LimitRenewal.Day));
        A.Credentials = HostAKeys;
        B.Credentials = HostBKeys;
        B.Clock.Shift = TimeSpan.FromSeconds(45);
        int Listings(string host) => Braket.RequestsOf(BraketOperations.SearchSpendingLimits).Count(r => SignedBy(r) == host);
        Braket.Hold(BraketOperations.SearchSpendingLimits);
        try
        {
            // Host a takes the guard and stalls in Braket's listing past its lease (the database's clock moves on).
            var syncA = SyncOn(A);
            await Slack.WaitFor(() => Listings("a") > 0 ? "listing" : null, what: "host a's listing");
            await Pair.Database.AdvanceLeasesAsync(SyncGuard.Lease + TimeSpan.FromSeconds(1));
            // Host b takes the lapsed guard and lists too; then Braket answers both.
            var syncB = SyncOn(B);
            await Slack.WaitFor(() => Listings("b") > 0 ? "listing" : null, what: "host b's listing");
            Braket.Release(BraketOperations.SearchSpendingLimits);

            await syncB;
            await Assert.ThrowsAsync<InvalidOperationException>(() => syncA); // it lost the guard: tried again later, by its job
            var update = Assert.Single(Braket.RequestsOf(BraketOperations.UpdateSpendingLimit));
            Assert.Equal("b", SignedBy(update));
            Assert.DoesNotContain(Braket.RequestsOf(BraketOperations.TagResource), r => SignedBy(r) == "a");
            Assert.Equal(yesterday.AddDays(1).ToUnixTimeSeconds(), Braket.SpendingLimits.Single().StartAt);
        }
        finally
        {
            // Never held into the next test's reset, which lists the limits too.
            Braket.Release(BraketOperations.SearchSpendingLimits);
        }
    }

    private static async Task SyncOn(BotFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LimitSyncJob>().SyncNowAsync("test", CancellationToken.None);
    }

    [PostgresFact]
    public async Task Two_hosts_together_stay_within_a_regions_cancel_quota()
    {
        // Braket's documented cancel quota, 2 a second with a burst of 20, in Braket (the fake) and in both hosts' settings. The
        // hosts keep a spare token and a grace's worth below the burst: at 2 a second that covers a second by which a call may
        // reach Braket later than its token says. (At 10 a second it covered 200 ms, most likely what a busy CI machine stalling
        // this one process, both hosts and the fake alike, sometimes exceeded: one cancel in a run came back throttled.)
        Braket.EnforceQuotas(new Dictionary<string, (double Rate, int Burst)> { [BraketOperations.CancelQuantumTask] = (2, 20) });
        SetOnBoth(
            new Dictionary<string, string?>
            {
                ["Braket:Quotas:CancelQuantumTask:Rate"] = "2",
                ["Braket:Quotas:CancelQuantumTask:Burst"] = "20",
            }
        );
        B.Clock.Shift = TimeSpan.FromSeconds(-40);
        // 30 cancels: beyond what the hosts' bucket holds (18, the burst less those 2), so that the last dozen are paced.
        var ankaa = Tasks.Many(15, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning).ToList();
        var aspen = Tasks.Many(15, Tasks.AspenArn, QuantumTaskStatus.Queued, 10, Morning).ToList();
        Braket.Add([.. ankaa, .. aspen]);
        HttpRequestMessage Click(BotFactory host, DeviceSummary device, string id) =>
            SlackRequests.Signed(
                "/slack/interactions",
                SlackRequests.ButtonBody(
                    CancelAllQueuedAction.Id,
                    ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), device)),
                    Slack.ResponseUrl(id)
                ),
                host.Clock.GetUtcNow()
            );

        // Two people at once, each on a host of their own, cancel all queued tasks of two devices in us-west-1.
        await Task.WhenAll(ClientA.SendAsync(Click(A, Tasks.Ankaa, "a")), ClientB.SendAsync(Click(B, Tasks.Aspen, "b")));

        await Slack.WaitFor(
            () => ankaa.Concat(aspen).All(t => Braket.Task(t.QuantumTaskArn).Status == QuantumTaskStatus.Cancelling) ? "cancelled" : null,
            TimeSpan.FromSeconds(60),
            "every task cancelled"
        );
        await Pair.SettleAsync();
        Assert.Equal(0, Braket.Throttled(BraketOperations.CancelQuantumTask));
        // Counted at Braket: in no second more than the burst and a second's refill.
        var times = Braket.RequestsOf(BraketOperations.CancelQuantumTask).Select(r => r.DateTime).Order().ToList();
        var busiest = times.Max(start => times.Count(t => t >= start && t < start.AddSeconds(1)));
        Assert.InRange(busiest, 1, 22);
        Assert.Equal(30, times.Count);
    }

    [PostgresFact]
    public async Task Readiness_includes_the_database()
    {
        var ready = await ClientA.GetStringAsync("/readyz");

        Assert.Contains("\"postgres\":{\"status\":\"Healthy\"", ready);
    }

    /// <summary>No host of the pair: a built process that cannot start.</summary>
    [Fact]
    public async Task An_unreachable_database_stops_the_start_naming_the_host_and_the_key()
    {
        var exit = await BotProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=braketbot;Timeout=3",
            }
        );

        Assert.Equal(1, exit.Code);
        var line = Assert.Single(exit.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("BraketBot cannot start: ConnectionStrings:Postgres: cannot reach PostgreSQL at 127.0.0.1:1", line);
        Assert.DoesNotContain("   at ", exit.Output + exit.Error);
    }
}
