using BraketBot.Tests.Support;

namespace BraketBot.Tests.Robustness;

[Collection(FaultsHost.Name)]
public sealed class FaultInjectionTests(FaultsFixture fixture) : FaultTests(fixture)
{
    [Fact]
    public async Task With_braket_failing_30_percent_of_calls_every_queued_task_is_cancelled_and_one_alert_posted()
    {
        Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100";
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        var morning = new DateTimeOffset(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
        var queued = Tasks.Many(60, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, morning).ToArray();
        var trigger = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 10, morning.AddHours(1));
        Braket.Add([.. queued, trigger]);
        Braket.FaultRate = 0.3;

        await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));

        await Slack.WaitFor(
            () => Slack.TopLevel.Any(m => m.Body.ToString().Contains("Cancelled 61 queued tasks")) ? "done" : null,
            TimeSpan.FromSeconds(90),
            "the alert's outcome"
        );
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Single(Slack.TopLevel);
        Assert.Single(Slack.Bodies("chat.postMessage"));
        Assert.True(Braket.Requests.Count > 62, "faults were injected and retried");
    }
}
