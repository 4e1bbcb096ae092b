using System.Net;
using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Jobs;

/// <summary>
/// Braket Direct reservations and hybrid jobs through the real host: tasks whose origin only
/// GetQuantumTask tells (an association, a jobArn), jobs GetJob describes and CancelJob stops.
/// </summary>
[Collection(ReportsHost.Name)]
public sealed class ReservationsAndJobsTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
    private const string Reservation = "arn:aws:braket:us-west-1:111122223333:reservation/7c1c5b2e-5d7e-4f0e-9a43-2b1d3f0c9e11";
    private const string JobArn = "arn:aws:braket:us-east-1:111122223333:job/vqe-h2";

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Slack:Admins:0"] = "U0ADMIN";
    }

    private static QuantumTaskSummary Reserved(QuantumTaskStatus status, long shots, int minutes = 0) =>
        Tasks.Task(Tasks.AspenArn, status, shots, Morning.AddMinutes(minutes)) with
        {
            Origin = new TaskOrigin(Reservation, null),
        };

    private static QuantumTaskSummary OfJob(QuantumTaskStatus status, long shots, int minutes = 0) =>
        Tasks.Task(Tasks.ForteArn, status, shots, Morning.AddMinutes(minutes)) with
        {
            Origin = new TaskOrigin(null, JobArn),
        };

    private static readonly HybridJob RunningJob = new(
        JobArn,
        "vqe-h2",
        "RUNNING",
        Tasks.ForteArn,
        "ml.m5.large",
        1,
        Morning.AddMinutes(-10),
        Morning.AddMinutes(-9),
        null,
        TimeSpan.FromMilliseconds(1_860_000)
    );

    private QuantumTaskSummary InBraket(QuantumTaskSummary task)
    {
        Braket.Add(task);
        return task;
    }

    private async Task<HttpResponseMessage> Deliver(QuantumTaskSummary task)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    private Task<IReadOnlyList<FakeSlack.Message>> WaitForAlert(string reading) =>
        Slack.WaitFor(
            () => Slack.TopLevel is [.., var last] && Text(last).Contains(reading) ? Slack.TopLevel : null,
            what: $"an alert reading '{reading}'"
        );

    /// <summary>No task was asked about twice: learning a task's origin costs one GetQuantumTask in its life.</summary>
    private void AssertAtMostOneGetPerTask()
    {
        var gets = Braket
            .RequestsOf(BraketOperations.GetQuantumTask)
            .GroupBy(r => r.Path)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(gets);
    }

    [Fact]
    public async Task A_cap_run_cancels_on_demand_tasks_and_leaves_reserved_ones_named_in_the_alert()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        var reserved = InBraket(Reserved(QuantumTaskStatus.Queued, 1000));
        var onDemand = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 200, Morning));
        var trigger = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Morning.AddMinutes(1)));

        await Deliver(trigger); // the scan it calls for lists the reserved task, whose origin it learns

        var text = Text((await WaitForAlert("Cancelled 2 queued tasks"))[^1]);
        await SettleAsync();
        Assert.Contains($"reserved, 1 tasks, 1,000 shots, reservation {Reservation}", text);
        Assert.Contains("250 of 100", text); // the reserved shots do not count: Caps:CountReservedShots is false
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(reserved.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(onDemand.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(trigger.QuantumTaskArn).Status);
        Assert.DoesNotContain(Braket.RequestsOf(BraketOperations.CancelQuantumTask), r =>
            r.Path.Contains(reserved.QuantumTaskArn.Split('/')[^1])
        );
        AssertAtMostOneGetPerTask();
    }

    [Fact]
    public async Task The_cancel_all_queued_button_leaves_reserved_tasks_and_says_so()
    {
        var reserved = InBraket(Reserved(QuantumTaskStatus.Queued, 1000));
        var onDemand = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 200, Morning));

        await ClickAsync(
            CancelAllQueuedAction.Id,
            ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), Tasks.Aspen)),
            "b1",
            "U0ADMIN"
        );

        await Slack.WaitFor(() => Slack.Responses("b1").Any(r => MessageText.Of(r).Contains("cancelled 1 of 1")) ? "done" : null);
        await SettleAsync();
        Assert.Contains($"reserved, 1 tasks, 1,000 shots, reservation {Reservation}", MessageText.Of(Slack.Responses("b1")[^1]));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(reserved.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(onDemand.QuantumTaskArn).Status);
        AssertAtMostOneGetPerTask();
    }

    [Fact]
    public async Task A_reserved_task_costs_nothing_in_info()
    {
        InBraket(Reserved(QuantumTaskStatus.Completed, 1000));
        var onDemand = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 100, Morning));

        await SendCommandAsync("info 2022-04-10 Aspen-M-1", "i1");

        var report = MessageText.Of((await Slack.WaitForResponses("i1"))[0]);
        // Only the on-demand task is priced: $0.30 + 100 × $0.00035 = $0.34 (the reserved 1,000 shots would add $0.65).
        Assert.Contains("*$0.34* spent or running", report);
        Assert.Contains($"Braket Direct: reserved, 1 tasks, 1,000 shots, reservation {Reservation} (0 queued)", report);
        Assert.Contains(onDemand.Shots.ToString(System.Globalization.CultureInfo.InvariantCulture), report);
        AssertAtMostOneGetPerTask();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reserved_shots_count_against_shot_caps_only_when_asked(bool countReserved)
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "500";
        Settings["Caps:CountReservedShots"] = countReserved ? "true" : "false";
        var reserved = InBraket(Reserved(QuantumTaskStatus.Queued, 1000));
        var trigger = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Morning.AddMinutes(1)));

        await Deliver(reserved);
        await Deliver(trigger);
        if (countReserved)
            await WaitForAlert("Cancelled 1 queued tasks");
        await SettleAsync();

        Assert.Equal(countReserved ? 1 : 0, Slack.TopLevel.Count);
        if (countReserved)
            Assert.Contains("1,050 of 500", Text(Slack.TopLevel[0]));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(reserved.QuantumTaskArn).Status); // never cancelled either way
        Assert.Equal(countReserved ? QuantumTaskStatus.Cancelling : QuantumTaskStatus.Created, Braket.Task(trigger.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task A_jobs_queued_tasks_over_a_cap_cancel_the_job_once_then_its_tasks_and_the_alert_names_it()
    {
        Settings["Caps:Devices:Forte-1:MaxCostPerDay"] = "1";
        Braket.AddJob(RunningJob);
        var queued = Tasks
            .Many(2, Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Morning)
            .Select(t => t with { Origin = new TaskOrigin(null, JobArn) })
            .ToArray();
        Braket.Add(queued);
        var trigger = InBraket(OfJob(QuantumTaskStatus.Created, 100, 1));

        await Deliver(trigger);

        var text = Text((await WaitForAlert("Cancelled 3 queued tasks"))[^1]);
        await SettleAsync();
        Assert.Contains("Hybrid job *vqe-h2* (1 × ml.m5.large, 31 min so far, about $0.04 of instance time): cancelled", text);
        Assert.Single(Braket.RequestsOf(BraketOperations.CancelJob));
        var order = Braket.Requests.Select(r => r.Operation).ToList();
        Assert.True(
            order.IndexOf(BraketOperations.CancelJob) < order.IndexOf(BraketOperations.CancelQuantumTask),
            "the job is cancelled before its tasks"
        );
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal("CANCELLING", Braket.Job(JobArn).Status);

        // A task the job queued before it stopped: cancelled in the thread, the job not cancelled a second time.
        var late = InBraket(OfJob(QuantumTaskStatus.Created, 100, 2));
        await Deliver(late);
        await Slack.WaitFor(() => Braket.Task(late.QuantumTaskArn).Status == QuantumTaskStatus.Cancelling ? "cancelled" : null);
        await SettleAsync();
        Assert.Single(Braket.RequestsOf(BraketOperations.CancelJob));
        AssertAtMostOneGetPerTask();
    }

    [Fact]
    public async Task Info_lists_the_days_hybrid_jobs_with_their_instance_and_tasks_cost()
    {
        Braket.AddJob(RunningJob);
        var completed = InBraket(OfJob(QuantumTaskStatus.Completed, 100));

        await Deliver(completed);
        await SendCommandAsync("info 2022-04-10 Forte-1", "j1");

        var report = MessageText.Of((await Slack.WaitForResponses("j1"))[0]);
        // 31 min × $0.00128 of ml.m5.large, and one task of 100 shots on Forte-1: $0.30 + 100 × $0.08.
        Assert.Contains(
            "Hybrid job *vqe-h2* · RUNNING · Forte-1 · 1 × ml.m5.large · 31 billable min: "
                + "about $0.04 of instance time + $8.30 for its 1 tasks (100 shots) = $8.34",
            report
        );
        Assert.Single(Braket.RequestsOf(BraketOperations.GetJob));
        AssertAtMostOneGetPerTask();
    }

    [Fact]
    public async Task Under_spare_a_jobs_tasks_are_left_alone_and_listed_as_spared()
    {
        Settings["Caps:Devices:Forte-1:MaxCostPerDay"] = "1";
        Settings["Caps:Jobs"] = "Spare";
        Braket.AddJob(RunningJob);
        var jobTask = InBraket(OfJob(QuantumTaskStatus.Queued, 100));
        var onDemand = InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Created, 100, Morning.AddMinutes(1)));

        await Deliver(jobTask);
        await Deliver(onDemand);

        var text = Text((await WaitForAlert("Cancelled 1 queued tasks"))[^1]);
        await SettleAsync();
        Assert.Contains($"Spared: hybrid job {JobArn}, 1 queued tasks, 100 shots", text);
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelJob));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(jobTask.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(onDemand.QuantumTaskArn).Status);
        Assert.Equal("RUNNING", Braket.Job(JobArn).Status);
    }

    [Fact]
    public async Task A_job_state_change_is_taken_on_the_webhook_once_and_one_from_elsewhere_is_ignored()
    {
        static string JobEvent(string id, string region) =>
            JsonSerializer.Serialize(
                new Dictionary<string, object>
                {
                    ["version"] = "0",
                    ["id"] = id,
                    ["detail-type"] = "Braket Job State Change",
                    ["source"] = "aws.braket",
                    ["account"] = Tasks.Account,
                    ["time"] = "2022-04-10T09:00:00Z",
                    ["region"] = region,
                    ["detail"] = new Dictionary<string, object>
                    {
                        ["jobArn"] = JobArn.Replace("us-east-1", region),
                        ["status"] = "RUNNING",
                    },
                }
            );

        var taken = await Client.SendAsync(Events.Post(JobEvent("job-1", "us-east-1")));
        var again = await Client.SendAsync(Events.Post(JobEvent("job-1", "us-east-1")));
        var elsewhere = await Client.SendAsync(Events.Post(JobEvent("job-2", "ap-southeast-2")));
        var broken = await Client.SendAsync(Events.Post(JobEvent("job-3", "us-east-1").Replace("\"RUNNING\"", "\"DANCING\"")));

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("recorded", await taken.Content.ReadAsStringAsync());
        Assert.Contains("vqe-h2 is RUNNING", await taken.Content.ReadAsStringAsync());
        Assert.Contains("duplicate", await again.Content.ReadAsStringAsync());
        Assert.Contains("ignored", await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Empty(Braket.Requests);
    }
}
