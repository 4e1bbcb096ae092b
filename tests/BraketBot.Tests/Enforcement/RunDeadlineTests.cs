using System.Net;
using System.Text.Json;
using BraketBot.Cancel;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Enforcement;

/// <summary>A run that reaches its deadline with tasks still queued, through the real host.</summary>
[Collection(FaultsHost.Name)]
public sealed class RunDeadlineTests(FaultsFixture fixture) : FaultTests(fixture)
{
    [Fact]
    public async Task A_run_out_of_time_gives_its_queued_tasks_back_says_how_many_and_Cancel_the_rest_cancels_exactly_those()
    {
        var breach = AnkaaBreach.Arrange(Bot, 4, 30, ("Runs:Deadline", "00:00:02"), ("Runs:RetryMax", "00:00:00.5"));
        var queued = breach.Queued;
        Braket.FailUntilRecovered(BraketOperations.CancelQuantumTask, HttpStatusCode.ServiceUnavailable);

        await breach.SendAsync(Client);
        var ended = await Slack.WaitFor(
            () => Slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("were left")),
            TimeSpan.FromSeconds(30),
            "the alert's outcome, with the tasks left"
        );
        await SettleAsync();

        Assert.Contains("5 queued tasks were left when the run reached its deadline", MessageText.Of(ended.Body));
        Assert.Contains("Cancelled 0 queued tasks", MessageText.Of(ended.Body));
        // Given back at once, not an hour after the deadline: the next run (the reconcile's, a click) may take them.
        var keys = breach.All.Select(t => CapEnforcer.TaskKey(t.QuantumTaskArn)).ToList();
        Assert.Empty(await Bot.Service<IClaimStore>().ClaimedAsync(keys, CancellationToken.None));

        // Braket is back. Meanwhile one left task started, and a new one was queued that the run never had.
        Braket.Recover(BraketOperations.CancelQuantumTask);
        Braket.SetStatus(queued[0].QuantumTaskArn, QuantumTaskStatus.Running);
        var newer = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 30, AnkaaBreach.Morning.AddHours(2));
        Braket.Add(newer);
        var cancelsBefore = Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count;
        var button = RestButton(ended.Body);
        Assert.Equal(CancelRestAction.Id, button.GetProperty("action_id").GetString());

        await ClickAsync(CancelRestAction.Id, button.GetProperty("value").GetString()!, "rest");

        var answer = await Slack.WaitFor(
            () => Slack.Responses("rest").Select(r => MessageText.Of(r)).FirstOrDefault(t => t.Contains("cancelled 4 of 4")),
            TimeSpan.FromSeconds(30),
            "the rest cancelled"
        );
        Assert.Contains("Ankaa-3", answer);
        await SettleAsync();
        Assert.All(breach.All.Skip(1), t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(QuantumTaskStatus.Running, Braket.Task(queued[0].QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(newer.QuantumTaskArn).Status);
        var cancelledByTheClick = Braket
            .RequestsOf(BraketOperations.CancelQuantumTask)
            .Skip(cancelsBefore)
            .Select(r => Uri.UnescapeDataString(r.Path))
            .ToList();
        Assert.Equal(4, cancelledByTheClick.Count);
        Assert.DoesNotContain(cancelledByTheClick, p => p.Contains(newer.QuantumTaskArn) || p.Contains(queued[0].QuantumTaskArn));
        Assert.Single(Slack.TopLevel);
        Assert.Empty(Braket.Unexpected);
        Assert.Empty(Slack.Unexpected);
    }

    [Fact]
    public async Task The_next_reconcile_cancels_what_a_run_left_in_the_alert_thread()
    {
        var breach = AnkaaBreach.Arrange(Bot, 2, 60, ("Runs:Deadline", "00:00:01"), ("Runs:RetryMax", "00:00:00.5"));
        Braket.FailUntilRecovered(BraketOperations.CancelQuantumTask, HttpStatusCode.ServiceUnavailable);
        await breach.SendAsync(Client);
        var alert = await Slack.WaitFor(
            () => Slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("3 queued tasks were left")),
            TimeSpan.FromSeconds(30),
            "the alert's outcome, with the tasks left"
        );
        await SettleAsync();
        Braket.Recover(BraketOperations.CancelQuantumTask);
        // The run's failed attempts (4 per try, 8 or 9 tries a task as the backoff's jitter falls) can reach the breaker's
        // 100 and open it for 5 s: a follow-up given the first run's 4 s would then leave its tasks again (once 1 run in 3).
        // A real run has minutes; this one gets the half minute it needs to outlast the break.
        Settings["Runs:Deadline"] = "00:00:30";

        using (var scope = Bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ReconcileJob>().RunAsync(CancellationToken.None);

        var followUp = await Slack.WaitFor(
            () => Slack.Messages.FirstOrDefault(m => m.ThreadTs == alert.Ts && m.Body.ToString().Contains("Cancelled 3 queued tasks")),
            TimeSpan.FromSeconds(30),
            "the follow-up in the alert's thread, every task left cancelled"
        );
        Assert.Contains("Follow-up", MessageText.Of(followUp.Body));
        Assert.All(breach.All, t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Single(Slack.TopLevel);
    }

    private static JsonElement RestButton(JsonElement message) => MessageButtons.Of(message, CancelRestAction.Id);
}
