using System.Globalization;
using BraketBot.Prices;
using BraketBot.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Jobs;

/// <summary>
/// Every dollar of hybrid jobs and reservations through the real host: job tasks at the price list's job
/// prices, job instances at its instance prices and counted against cost caps (once, however often read),
/// reserved tasks named by their reservation. Figures are checked to the cent against the Braket SDK's
/// cost tracker's rule on the rows the fake serves.
/// </summary>
[Collection(ReportsHost.Name)]
public sealed class JobCostTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private const string JobArn = "arn:aws:braket:us-east-1:111122223333:job/qaoa-maxcut";
    private const string Reservation = "arn:aws:braket:us-east-1:111122223333:reservation/5f0e2b1c-9a43-4d7e-8c11-3e2d1f0c9b77";
    private static readonly DateTimeOffset Noon = BotFactory.Today; // the clock: 2022-04-10 12:00 UTC

    /// <summary>The sample list with Forte 1's job prices apart from its on-demand ones, instances unlike the built-in table.</summary>
    private static readonly IReadOnlyList<OfferRow> Rows =
    [
        .. OfferFiles
            .SampleRows.Where(r => !r.Family.StartsWith("Braket Managed Jobs", StringComparison.Ordinal) || r.Device != "Forte-1")
            .Where(r => r.Family != "Braket Managed Jobs Instance"),
        OfferRow.JobShot("us-east-1", "Forte-1", 0.05m),
        OfferRow.JobTask("us-east-1", "Forte-1", 0.25m),
        OfferRow.Instance("us-east-1", "ml.m5.large", 0.05m),
        new OfferRow("Braket Managed Jobs Instance", "us-east-1", "", 0.6m, "Hrs", InstanceType: "ml.m5.xlarge"), // $0.01 a minute
    ];

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Slack:Admins:0"] = "U2147483697";
    }

    private async Task UseRowsAsync()
    {
        Braket.OfferFile = OfferFiles.Build(OfferFiles.Published, Rows);
        Bot.Service<IBackgroundJobClient>().Enqueue<PriceRefreshJob>(job => job.RunAsync(new PriceRefreshArgs(1), CancellationToken.None));
        await SettleAsync();
    }

    /// <summary>
    /// A running job that has billed <paramref name="minutes"/> since <paramref name="started"/> (Braket's billableDuration:
    /// the test clock moves on).
    /// </summary>
    private static HybridJob Job(string instanceType, int count, DateTimeOffset started, int minutes) =>
        new(
            JobArn,
            "qaoa-maxcut",
            "RUNNING",
            Tasks.ForteArn,
            instanceType,
            count,
            started.AddMinutes(-5),
            started,
            null,
            TimeSpan.FromMinutes(minutes)
        );

    private static QuantumTaskSummary OfJob(QuantumTaskStatus status, long shots, DateTimeOffset at) =>
        Tasks.Task(Tasks.ForteArn, status, shots, at) with
        {
            Origin = new TaskOrigin(null, JobArn),
        };

    private QuantumTaskSummary InBraket(QuantumTaskSummary task)
    {
        Braket.Add(task);
        return task;
    }

    private static decimal Tracker(QuantumTaskSummary task) =>
        TrackerRule.QpuTaskCost(
            Rows,
            task.QuantumTaskArn,
            task.DeviceArn,
            task.Shots,
            task.Status.ToWire(),
            jobTask: task.Origin?.JobArn is not null
        );

    private static string Money(decimal usd) => usd.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    private async Task<string> CommandAsync(string text, string responseId)
    {
        await SendCommandAsync(text, responseId);
        return MessageText.Of((await Slack.WaitForResponses(responseId))[0]);
    }

    private async Task DeliverAsync(QuantumTaskSummary task)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await SettleAsync();
    }

    private async Task TickAsync()
    {
        using (var scope = Bot.Services.CreateScope())
            await scope
                .ServiceProvider.GetRequiredService<CapEnforcer>()
                .EvaluateAsync(
                    new EvaluationRequest(null, Day.Parse("2022-04-10"), "the test's reconcile", Reconcile: true),
                    CancellationToken.None
                );
        await SettleAsync();
    }

    private async Task<string> HomeAsync()
    {
        var opened = SlackRequests.HomeOpened("U2147483697", "Ev" + Guid.NewGuid().ToString("N")[..10]);
        var response = await Client.SendAsync(SlackRequests.SignedJson("/slack/events", opened, Clock.GetUtcNow()));
        Assert.True(response.IsSuccessStatusCode);
        return MessageText.Of(await Slack.WaitForHomeView("U2147483697", 1));
    }

    [Fact]
    public async Task A_jobs_instances_push_a_device_cost_cap_over_and_the_run_cancels_the_job_once_and_the_queued_tasks()
    {
        await UseRowsAsync();
        Settings["Caps:Devices:Forte-1:MaxCostPerDay"] = "6";
        Braket.AddJob(Job("ml.m5.large", 2, Noon.AddHours(-1), 60)); // 60 min × 2 instances × $0.05
        var jobTask = InBraket(OfJob(QuantumTaskStatus.Completed, 10, Noon.AddMinutes(-55)));
        var queued = InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Created, 10, Noon.AddMinutes(-30)));
        var instances = 60 * 2 * 0.05m;
        var used = Tracker(jobTask) + Tracker(queued) + instances; // $0.75 + $1.10 + $6.00: the tasks alone are far below the warning

        await Client.SendAsync(Events.Post(Events.TaskStateChange(queued)));

        var alert = await Slack.WaitFor(
            () => Slack.TopLevel.FirstOrDefault(m => MessageText.Of(m.Body, withFallback: true).Contains("Cancelled 1 queued tasks")),
            what: "the breach's alert, done"
        );
        await SettleAsync();
        var text = MessageText.Of(alert.Body, withFallback: true);
        Assert.Contains($"{Money(used)} of $6.00", text);
        Assert.Contains("Hybrid job *qaoa-maxcut* (2 × ml.m5.large, 60 min so far, about $6.00 of instance time): cancelled", text);
        Assert.Single(Braket.RequestsOf(BraketOperations.CancelJob));
        Assert.Equal("CANCELLING", Braket.Job(JobArn).Status);
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(queued.QuantumTaskArn).Status);

        // Later evaluations find the job claimed (and, once described again, ended): no second CancelJob, no second alert.
        await TickAsync();
        await TickAsync();
        Assert.Single(Braket.RequestsOf(BraketOperations.CancelJob));
        Assert.Single(Slack.TopLevel);

        // Info counts what the cap counts now: the job task and the instances (the cancelled task no longer costs).
        var info = await CommandAsync("info today Forte-1", "i1");
        Assert.Contains($"{Money(Tracker(jobTask) + instances)} of $6.00", info);
        Assert.Contains("Hybrid job instances: about *$6.00* of instance time on this day (1 jobs)", info);
    }

    [Theory]
    [InlineData("Cancel")]
    [InlineData("Spare")]
    public async Task A_job_without_queued_tasks_whose_instances_breach_a_cap_is_cancelled_once_by_the_reconcile_unless_spared(string jobs)
    {
        await UseRowsAsync();
        Settings["Caps:Devices:Forte-1:MaxCostPerDay"] = "5";
        Settings["Caps:Jobs"] = jobs;
        Braket.AddJob(Job("ml.m5.large", 2, Noon.AddHours(-1), 60)); // $6.00 of instance time, its only task done
        var jobTask = InBraket(OfJob(QuantumTaskStatus.Completed, 10, Noon.AddMinutes(-55)));

        await TickAsync();
        await TickAsync();

        var alert = MessageText.Of(Assert.Single(Slack.TopLevel).Body, withFallback: true);
        Assert.Contains($"{Money(Tracker(jobTask) + 6.00m)} of $5.00", alert);
        Assert.Equal(jobs == "Cancel" ? 1 : 0, Braket.RequestsOf(BraketOperations.CancelJob).Count);
        Assert.Equal(jobs == "Cancel" ? "CANCELLING" : "RUNNING", Braket.Job(JobArn).Status);
        var named = "Hybrid job *qaoa-maxcut* (2 × ml.m5.large, 60 min so far, about $6.00 of instance time)";
        if (jobs == "Cancel")
            Assert.Contains(named, alert);
    }

    [Fact]
    public async Task A_running_job_is_counted_once_across_ticks_days_and_reports_at_the_lists_instance_price()
    {
        await UseRowsAsync();
        Settings["Caps:MaxCostPerDay"] = "100";
        Settings["Caps:MaxCostPerMonth"] = "100";
        var started = new DateTimeOffset(2022, 4, 9, 23, 0, 0, TimeSpan.Zero); // an hour yesterday, twelve today
        Braket.AddJob(Job("ml.m5.xlarge", 1, started, 780));
        var jobTask = InBraket(OfJob(QuantumTaskStatus.Completed, 100, Noon.AddHours(-2)));
        var (today, yesterday) = (720 * 0.01m, 60 * 0.01m); // $0.60 an hour on the list; the built-in table says $0.00256 a minute
        var day = Tracker(jobTask) + today;
        var month = day + yesterday;

        await DeliverAsync(jobTask);
        await TickAsync();
        var caps = await CommandAsync("caps", "c1");
        await TickAsync();
        await TickAsync();
        var capsAgain = await CommandAsync("caps", "c2");
        var info = await CommandAsync("info today", "i1");
        var home = await HomeAsync();

        Assert.Contains($"{Money(day)} of $100.00", caps);
        Assert.Contains($"{Money(month)} of $100.00", caps);
        Assert.Contains($"{Money(day)} of $100.00", capsAgain); // ticks do not add the instances again
        Assert.Contains($"{Money(month)} of $100.00", capsAgain);
        Assert.Contains($"{Money(day)} of $100.00", info);
        Assert.Contains($"{Money(day)} of $100.00", home);
        Assert.Contains($"{Money(month)} of $100.00", home);
        Assert.Contains("780 billable min", info); // the job's line tells its whole run
        Assert.Contains($"about {Money(today + yesterday)} of instance time", info);
        Assert.Empty(Slack.TopLevel);
    }

    [Fact]
    public async Task A_jobs_tasks_are_priced_at_the_lists_job_prices_and_on_demand_ones_at_theirs()
    {
        await UseRowsAsync();
        Braket.AddJob(Job("ml.m5.large", 1, Noon.AddMinutes(-40), 30) with { Status = "COMPLETED", EndedAt = Noon.AddMinutes(-10) });
        var jobTask = InBraket(OfJob(QuantumTaskStatus.Completed, 100, Noon.AddMinutes(-30)));
        var onDemand = InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 100, Noon.AddMinutes(-30)));

        var info = await CommandAsync("info today Forte-1", "i1");

        // $0.25 + 100 × $0.05 for the job's task, $0.30 + 100 × $0.08 for the other: $13.55, not the $16.60 of on-demand prices.
        Assert.Contains($"*{Money(Tracker(jobTask) + Tracker(onDemand))}* spent or running", info);
        Assert.Contains($"about $1.50 of instance time + {Money(Tracker(jobTask))} for its 1 tasks (100 shots)", info); // 30 min × $0.05
    }

    [Fact]
    public async Task Info_names_the_reservation_of_reserved_tasks_from_a_scan_and_from_the_ledger()
    {
        var reserved = new TaskOrigin(Reservation, null);
        InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 1000, Noon.AddHours(-1)) with { Origin = reserved });
        InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 500, Noon.AddHours(-2)) with { Origin = reserved });
        InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 10, Noon.AddHours(-2)));
        var named = $"reserved, 2 tasks, 1,500 shots, reservation {Reservation} (1 queued)";

        var scanned = await CommandAsync("info today Forte-1", "i1");
        var today = Day.Parse("2022-04-10");
        Assert.True((await Bot.Service<UsageLedger>().ScanAsync(today, today, null, CancellationToken.None)).IsSuccess);
        var fromLedger = await CommandAsync("info today Forte-1", "i2");
        var json = await Bot.Service<InfoReportBuilder>().ReportAsync(today, "Forte-1", scan: false, CancellationToken.None);

        Assert.Contains(named, scanned);
        Assert.Contains(named, fromLedger);
        Assert.Contains(":card_index_box: From BraketBot's ledger", fromLedger);
        Assert.Equal(Reservation, Assert.Single(json.Value!.Reservations).ReservationArn);
    }
}
