using BraketBot.Tests.Support;

namespace BraketBot.Tests.Enforcement;

/// <summary>A run on in-memory storage when its host stops, through the real host: nobody resumes it, so it ends here.</summary>
public sealed class RunShutdownTests
{
    [Fact]
    public async Task A_host_stopping_in_memory_gives_back_the_claims_of_the_tasks_its_run_left_and_keeps_those_it_cancelled()
    {
        // Owns its host: it stops it in the middle of a run.
        using var host = new OwnHost();
        // Four cancels a second: the run takes ten seconds, long enough to be stopped in the middle.
        var breach = AnkaaBreach.Arrange(
            host.Bot,
            39,
            10,
            ("Braket:Quotas:CancelQuantumTask:Rate", "4"),
            ("Braket:Quotas:CancelQuantumTask:Burst", "1")
        );
        var store = host.Bot.Service<IClaimStore>();
        await breach.SendAsync(host.Client);
        await host.Slack.WaitFor(
            () => host.Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count >= 5 ? "cancelling" : null,
            TimeSpan.FromSeconds(30),
            "a run in the middle of its cancels"
        );

        await host.StopAsync(); // the host stops, as on SIGTERM

        var keys = breach.All.ToLookup(
            t => host.Braket.Task(t.QuantumTaskArn).Status == QuantumTaskStatus.Cancelling,
            t => CapEnforcer.TaskKey(t.QuantumTaskArn)
        );
        var left = keys[false].ToList();
        var cancelled = keys[true].ToList();
        Assert.NotEmpty(left);
        Assert.Equal(host.Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count, cancelled.Count);
        Assert.Empty(await store.ClaimedAsync(left, CancellationToken.None));
        Assert.Equal(cancelled.Count, (await store.ClaimedAsync(cancelled, CancellationToken.None)).Count);
        var alert = MessageText.Of(Assert.Single(host.Slack.TopLevel).Body);
        Assert.Contains($"BraketBot stopped (a restart or a deploy) with {left.Count} queued tasks left", alert, StringComparison.Ordinal);
        Assert.Empty(host.Braket.Unexpected);
        Assert.Empty(host.Slack.Unexpected);
    }
}
