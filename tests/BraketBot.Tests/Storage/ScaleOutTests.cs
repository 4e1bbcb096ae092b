using System.Net;
using BraketBot.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Storage;

/// <summary>Several BraketBot instances on one PostgreSQL database, as on a Fly.io app scaled to two machines.</summary>
public sealed class ScaleOutTests
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    private static (BotFactory A, BotFactory B) TwoHosts(TestDatabase database, FakeBraket braket, FakeSlack slack, Action<Dictionary<string, string?>>? settings = null)
    {
        var hosts = (new BotFactory(braket: braket, slack: slack).OnPostgres(database.ConnectionString),
                     new BotFactory(braket: braket, slack: slack).OnPostgres(database.ConnectionString));
        foreach (var host in new[] { hosts.Item1, hosts.Item2 })
        {
            host.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
            host.Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
            settings?.Invoke(host.Settings);
        }
        return hosts;
    }

    [PostgresFact]
    public async Task An_event_delivered_to_both_hosts_gives_one_evaluation_and_one_alert()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var (a, b) = TwoHosts(database, braket, slack);
        using (a) using (b)
        {
            var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 500, Morning);
            braket.Add(task);
            var body = Events.TaskStateChange(task, id: "shared-event");

            using var clientA = a.Client();
            using var clientB = b.Client();
            var answers = await Task.WhenAll(clientA.SendAsync(Events.Post(body)), clientB.SendAsync(Events.Post(body)));

            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Accepted);
            await slack.WaitFor(() => slack.Bodies("chat.postMessage").Count > 0 ? "alert" : null);
            await Task.WhenAll(a.SettleAsync(), b.SettleAsync());
            Assert.Single(slack.Bodies("chat.postMessage"));
            Assert.Single(braket.RequestsOf(BraketOperations.SearchQuantumTasks));
        }
    }

    [PostgresFact]
    public async Task Clicks_on_two_hosts_give_one_cancel_run()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var (a, b) = TwoHosts(database, braket, slack);
        using (a) using (b)
        {
            braket.Add([.. Tasks.Many(30, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning)]);
            braket.Latency = TimeSpan.FromMilliseconds(20);
            var value = ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), Tasks.Ankaa));
            HttpRequestMessage Click(string id) => SlackRequests.Signed("/slack/interactions",
                SlackRequests.ButtonBody(CancelAllQueuedAction.Id, value, slack.ResponseUrl(id)), a.Clock.GetUtcNow());

            using var clientA = a.Client();
            using var clientB = b.Client();
            await Task.WhenAll(clientA.SendAsync(Click("a")), clientB.SendAsync(Click("b")));

            await slack.WaitFor(() => slack.Received.Any(r => r.Body.ToString().Contains("cancelled 30 of 30")) ? "done" : null);
            await slack.WaitFor(() => slack.Received.Any(r => r.Body.ToString().Contains("being cancelled already")) ? "refused" : null);
            Assert.Equal(30, braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
        }
    }

    [PostgresFact]
    public async Task A_recurring_tick_runs_on_one_host_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var (a, b) = TwoHosts(database, braket, slack, s => s["Caps:ReconcileCron"] = "*/2 * * * * *");
        using (a) using (b)
        {
            using var clientA = a.Client();
            using var clientB = b.Client();
            var monitor = a.Service<JobStorage>().GetMonitoringApi();
            List<DateTime> Reconciles() => monitor.SucceededJobs(0, 1000).Where(j => j.Value.Job?.Type == typeof(ReconcileJob))
                .Select(j => monitor.JobDetails(j.Key).CreatedAt!.Value).Order().ToList();
            // Three ticks with both hosts up: a twin of any earlier tick would be there by the third.
            await slack.WaitFor(() => Reconciles().Count >= 3 ? "ticks" : null, TimeSpan.FromSeconds(30), "three reconcile ticks");
            await Task.WhenAll(a.SettleAsync(), b.SettleAsync());
            var created = Reconciles();

            // A tick every two seconds, each run once: a second host running the same tick would create a twin within a second.
            Assert.True(created.Count >= 3, $"{created.Count} reconciles");
            Assert.All(created.Zip(created.Skip(1)), pair => Assert.True(pair.Second - pair.First > TimeSpan.FromSeconds(1), $"{pair.First:O} and {pair.Second:O}"));
        }
    }

    [PostgresFact]
    public async Task The_daily_rescan_runs_once_across_instances()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        // No scheduled tick of either job during the test: both hosts are asked at once, as two schedulers might.
        var (a, b) = TwoHosts(database, braket, slack, s => (s["Caps:ReconcileCron"], s["Caps:RescanCron"]) = ("0 0 1 1 *", "0 0 1 1 *"));
        using (a) using (b)
        {
            braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 20, Morning));
            using var clientA = a.Client();
            using var clientB = b.Client();

            await Task.WhenAll(new[] { a, b }.Select(async host =>
            {
                using var scope = host.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<LedgerRescanJob>().RunAsync(new LedgerRescanArgs(), CancellationToken.None);
            }));

            // One pass per watched region (us-west-1, us-east-1), from one host: the other found the day's claim taken.
            var searches = braket.RequestsOf(BraketOperations.SearchQuantumTasks);
            Assert.Equal(["us-east-1", "us-west-1"], searches.Select(FakeBraket.RegionOf).Order());
            Assert.Contains("2022-04-01T00:00:00Z", searches[0].Body); // from the first of yesterday's month
        }
    }

    [PostgresFact]
    public async Task An_alert_whose_host_died_is_delivered_by_the_other_host()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 500, DateTimeOffset.UtcNow);
        braket.Add(task);
        slack.HangNextPostMessage(TimeSpan.FromSeconds(20));
        var settings = TestSettings.ForProcess(braket.Url, slack.ApiBase, new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Storage:JobInvisibilityTimeout"] = "00:00:05",
            ["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100",
        });

        // Host A takes the event and dies while posting the alert.
        using (var hostA = await BotProcess.StartAsync(settings))
        {
            using var client = new HttpClient { BaseAddress = hostA.Address };
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Events.Post(Events.TaskStateChange(task)))).StatusCode);
            await slack.WaitFor(() => slack.Hanging > 0 ? "hanging" : null, TimeSpan.FromSeconds(30), "host A's alert post");
            hostA.Kill();
        }
        Assert.Empty(slack.Bodies("chat.postMessage"));

        // Host B, started after (on the same real clock), takes the run over once host A's lease runs out.
        using var hostB = new BotFactory(braket: braket, slack: slack, now: DateTimeOffset.UtcNow).OnPostgres(database.ConnectionString);
        hostB.Settings["Storage:JobInvisibilityTimeout"] = "00:00:05";
        hostB.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        using var clientB = hostB.Client();
        var alert = await slack.WaitFor(() => slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("Cancelled 1 queued tasks")),
            TimeSpan.FromSeconds(150), "the alert from host B");
        await hostB.SettleAsync();
        Assert.Contains("cap breached", alert.Body.ToString());
        Assert.Single(slack.TopLevel);
        Assert.Single(slack.Bodies("chat.postMessage"));
    }

    [PostgresFact]
    public async Task Two_hosts_post_one_digest_of_yesterday()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var (a, b) = TwoHosts(database, braket, slack, s => s["Caps:DigestCron"] = "0 9 * * *");
        using (a) using (b)
        {
            braket.Devices.AddRange(Tasks.AllDevices);
            braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 80, Morning.AddDays(-1)));
            using var clientA = a.Client();
            using var clientB = b.Client();

            await Task.WhenAll(new[] { a, b }.Select(async host =>
            {
                using var scope = host.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None);
            }));

            var digest = Assert.Single(slack.TopLevel);
            Assert.Contains("Braket digest for 2022-04-09", digest.Body.ToString());
            Assert.Single(slack.Bodies("chat.postMessage"));
        }
    }

    [PostgresFact]
    public async Task Two_hosts_on_one_database_renew_a_stale_spending_limit_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket { Latency = TimeSpan.FromMilliseconds(100) };
        using var slack = new FakeSlack();
        var yesterday = new DateTimeOffset(2022, 4, 9, 0, 0, 0, TimeSpan.Zero);
        braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, yesterday, yesterday.AddDays(1), tags: LimitTags.For(LimitRenewal.Day));
        var (a, b) = TwoHosts(database, braket, slack);
        using (a) using (b)
        {
            using var clientA = a.Client();
            using var clientB = b.Client();
            await slack.WaitFor(() => braket.RequestsOf(BraketOperations.UpdateSpendingLimit).Count > 0 ? "renewed" : null, what: "the renewal");
            await Task.WhenAll(a.SettleAsync(TimeSpan.FromSeconds(60)), b.SettleAsync(TimeSpan.FromSeconds(60)));

            Assert.Single(braket.RequestsOf(BraketOperations.UpdateSpendingLimit));
            Assert.Equal(yesterday.AddDays(1).ToUnixTimeSeconds(), braket.SpendingLimits.Single().StartAt);
        }
    }

    [PostgresFact]
    public async Task Readiness_includes_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var bot = new BotFactory().OnPostgres(database.ConnectionString);
        using var client = bot.Client();

        var ready = await client.GetStringAsync("/readyz");

        Assert.Contains("\"postgres\":{\"status\":\"Healthy\"", ready);
    }

    [Fact]
    public async Task An_unreachable_database_stops_the_start_naming_the_host_and_the_key()
    {
        var exit = await BotProcess.RunAsync(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=braketbot;Timeout=3",
        });

        Assert.Equal(1, exit.Code);
        var line = Assert.Single(exit.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("BraketBot cannot start: ConnectionStrings:Postgres: cannot reach PostgreSQL at 127.0.0.1:1", line);
        Assert.DoesNotContain("   at ", exit.Output + exit.Error);
    }
}
