using BraketBot.Tests.Support;

namespace BraketBot.Tests.Enforcement;

/// <summary>
/// A breach whose queued tasks only the confirming scan listed (no event told of them): their reservations
/// and jobs are unknown when the run is planned, and the run checks each just before its cancel, through
/// the real host against a GetQuantumTask slow enough that waiting for every look-up first would show.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class UncheckedOriginsTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
    private const string Reservation = "arn:aws:braket:us-west-1:111122223333:reservation/5b0e9d1c-2f4a-4c61-8d2e-7a9f3c1b6e42";
    private const string SparedJob = "arn:aws:braket:us-west-1:111122223333:job/sampler";
    private const string CancelledJob = "arn:aws:braket:us-east-1:111122223333:job/vqe-h2";

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Braket.Slow(BraketOperations.GetQuantumTask, TimeSpan.FromMilliseconds(150));
    }

    private QuantumTaskSummary[] InBraket(params QuantumTaskSummary[] tasks)
    {
        Braket.Add(tasks);
        return tasks;
    }

    private static QuantumTaskSummary[] Queued(string device, int count, long shots, TaskOrigin origin) =>
        Tasks.Many(count, device, QuantumTaskStatus.Queued, shots, Morning).Select(t => t with { Origin = origin }).ToArray();

    private async Task<string> BreachAsync(QuantumTaskSummary trigger, int cancelled)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var alert = await Slack.WaitFor(
            () => Slack.TopLevel is [.., var last] && Text(last).Contains($"Cancelled {cancelled} queued tasks") ? last : null,
            what: $"the run's outcome: {cancelled} cancelled"
        );
        await SettleAsync();
        return Text(alert);
    }

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    /// <summary>The first cancel reached Braket while look-ups were still going on: none of them stood before it.</summary>
    private void AssertFirstCancelBeforeLastLookUp()
    {
        var firstCancel = Braket.RequestsOf(BraketOperations.CancelQuantumTask).Min(r => r.DateTime);
        var lastLookUp = Braket.RequestsOf(BraketOperations.GetQuantumTask).Max(r => r.DateTime);
        Assert.True(
            firstCancel < lastLookUp,
            $"first cancel at {firstCancel:HH:mm:ss.fff}, last GetQuantumTask at {lastLookUp:HH:mm:ss.fff}"
        );
    }

    private void AssertNeverCancelled(params QuantumTaskSummary[] tasks)
    {
        foreach (var task in tasks)
        {
            Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(task.QuantumTaskArn).Status);
            Assert.DoesNotContain(Braket.RequestsOf(BraketOperations.CancelQuantumTask), r =>
                r.Path.Contains(task.QuantumTaskArn.Split('/')[^1])
            );
        }
    }

    /// <summary>Each task's origin is asked of Braket once in its life, whoever asks.</summary>
    private void AssertAtMostOneLookUpPerTask() =>
        Assert.DoesNotContain(Braket.RequestsOf(BraketOperations.GetQuantumTask).GroupBy(r => r.Path), g => g.Count() > 1);

    [Fact]
    public async Task The_first_cancel_goes_before_the_look_ups_end_and_reserved_and_spared_job_tasks_found_on_the_way_are_left_alone()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        Settings["Caps:Jobs"] = "Spare";
        var onDemand = InBraket(Queued(Tasks.AspenArn, 10, 10, TaskOrigin.OnDemand));
        var reserved = InBraket(Queued(Tasks.AspenArn, 1, 1000, new TaskOrigin(Reservation, null)));
        var ofJob = InBraket(Queued(Tasks.AspenArn, 1, 10, new TaskOrigin(null, SparedJob)));
        var trigger = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 150, Morning.AddMinutes(1)))[0];

        // The event's own task is on demand and over the cap alone: the breach is decided before any queued task is looked up.
        var text = await BreachAsync(trigger, cancelled: 11);

        AssertFirstCancelBeforeLastLookUp();
        Assert.All([.. onDemand, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        AssertNeverCancelled([.. reserved, .. ofJob]);
        Assert.Contains($"reserved, 1 tasks, 1,000 shots, reservation {Reservation}", text);
        Assert.Contains($"Spared: hybrid job {SparedJob}, 1 queued tasks, 10 shots", text);
        Assert.DoesNotContain("checked for a reservation or hybrid job", text); // every task was checked by the end
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelJob));
        AssertAtMostOneLookUpPerTask();
    }

    [Fact]
    public async Task A_task_of_a_job_found_on_the_way_cancels_its_job_once_before_the_jobs_tasks()
    {
        Settings["Caps:Devices:Forte-1:MaxCostPerDay"] = "1";
        Braket.AddJob(Tasks.RunningJob(CancelledJob, Tasks.ForteArn, Morning.AddMinutes(-9), TimeSpan.FromMinutes(31)));
        var onDemand = InBraket(Queued(Tasks.ForteArn, 8, 10, TaskOrigin.OnDemand));
        var ofJob = InBraket(Queued(Tasks.ForteArn, 3, 10, new TaskOrigin(null, CancelledJob)));
        var trigger = InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Created, 100, Morning.AddMinutes(1)))[0];

        var text = await BreachAsync(trigger, cancelled: 12);

        AssertFirstCancelBeforeLastLookUp();
        Assert.Single(Braket.RequestsOf(BraketOperations.CancelJob));
        Assert.Equal("CANCELLING", Braket.Job(CancelledJob).Status);
        var jobCancelled = Braket.RequestsOf(BraketOperations.CancelJob)[0].DateTime;
        Assert.All(
            Braket
                .RequestsOf(BraketOperations.CancelQuantumTask)
                .Where(r => ofJob.Any(t => r.Path.Contains(t.QuantumTaskArn.Split('/')[^1]))),
            r => Assert.True(r.DateTime >= jobCancelled, "the job is cancelled before its tasks")
        );
        Assert.Contains("Hybrid job *vqe-h2* (1 × ml.m5.large", text);
        Assert.Contains("instance time): cancelled", text);
        Assert.All([.. onDemand, .. ofJob, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        AssertAtMostOneLookUpPerTask();
    }
}
