using BraketBot.Tests.Support;

namespace BraketBot.Tests.Enforcement;

/// <summary>A run on in-memory storage when its host stops, through the real host: nobody resumes it, so it ends here.</summary>
public sealed class RunShutdownTests
{
    [Fact]
    public async Task A_host_stopping_in_memory_gives_back_the_claims_of_the_tasks_its_run_left_and_keeps_those_it_cancelled()
    {
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var bot = new BotFactory(braket: braket, slack: slack);
        // Four cancels a second: the run takes ten seconds, long enough to be stopped in the middle.
        var breach = AnkaaBreach.Arrange(
            bot,
            39,
            10,
            ("Braket:Quotas:CancelQuantumTask:Rate", "4"),
            ("Braket:Quotas:CancelQuantumTask:Burst", "1")
        );
        var store = bot.Service<IClaimStore>();
        using (var client = bot.Client())
            await breach.SendAsync(client);
        await slack.WaitFor(
            () => braket.RequestsOf(BraketOperations.CancelQuantumTask).Count >= 5 ? "cancelling" : null,
            TimeSpan.FromSeconds(30),
            "a run in the middle of its cancels"
        );

        bot.Dispose(); // the host stops, as on SIGTERM

        var keys = breach.All.ToLookup(
            t => braket.Task(t.QuantumTaskArn).Status == QuantumTaskStatus.Cancelling,
            t => CapEnforcer.TaskKey(t.QuantumTaskArn)
        );
        var left = keys[false].ToList();
        var cancelled = keys[true].ToList();
        Assert.NotEmpty(left);
        Assert.Equal(braket.RequestsOf(BraketOperations.CancelQuantumTask).Count, cancelled.Count);
        Assert.Empty(await store.ClaimedAsync(left, CancellationToken.None));
        Assert.Equal(cancelled.Count, (await store.ClaimedAsync(cancelled, CancellationToken.None)).Count);
        var alert = MessageText.Of(Assert.Single(slack.TopLevel).Body);
        Assert.Contains($"BraketBot stopped (a restart or a deploy) with {left.Count} queued tasks left", alert, StringComparison.Ordinal);
        Assert.Empty(braket.Unexpected);
        Assert.Empty(slack.Unexpected);
    }
}
