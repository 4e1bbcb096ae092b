using System.Diagnostics;
using System.Net;
using BraketBot.Tests.Support;
using Xunit.Abstractions;

namespace BraketBot.Tests.Hosting;

/// <summary>SIGTERM (docker stop, a rolling deploy) to the built bot in the middle of an enforcement run on PostgreSQL.</summary>
public sealed class ShutdownSignalTests(ITestOutputHelper output)
{
    /// <summary>The host's default shutdown timeout, which the bot does not change.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task SIGTERM_mid_run_exits_in_time_and_hands_the_run_over_at_once_instead_of_after_its_lease()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        var now = DateTimeOffset.UtcNow;
        var queued = Tasks.Many(40, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, now.AddMinutes(-5)).ToArray();
        braket.Add(queued);
        var settings = TestSettings.ForProcess(braket.Url, slack.ApiBase, new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100",
            // Four cancels a second: the run takes ten seconds, long enough to be stopped in the middle.
            ["Braket:Quotas:CancelQuantumTask:Rate"] = "4",
            ["Braket:Quotas:CancelQuantumTask:Burst"] = "1",
        });

        var signalled = Stopwatch.StartNew();
        using (var first = await BotProcess.StartAsync(settings))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Events.Post(Events.TaskStateChange(queued[0])))).StatusCode);
            await slack.WaitFor(() => braket.RequestsOf(BraketOperations.CancelQuantumTask).Count >= 5 ? "cancelling" : null,
                TimeSpan.FromSeconds(90), "a run in the middle of its cancels");

            signalled.Restart();
            var exited = await first.TerminateAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));
            output.WriteLine($"exited {exited?.TotalSeconds:F1} s after SIGTERM");
            Assert.True(exited < ShutdownTimeout, "the process exited within the host's shutdown timeout");
            Assert.Equal(0, first.ExitCode);
        }
        var cancelsBefore = braket.RequestsOf(BraketOperations.CancelQuantumTask).Count;
        Assert.InRange(cancelsBefore, 5, 39);

        using var second = await BotProcess.StartAsync(settings);
        await slack.WaitFor(() => braket.RequestsOf(BraketOperations.CancelQuantumTask).Count > cancelsBefore ? "resumed" : null,
            TimeSpan.FromSeconds(90), "the run resumed by the next process");
        var resumedAfter = signalled.Elapsed;
        output.WriteLine($"resumed {resumedAfter.TotalSeconds:F1} s after SIGTERM");
        // Had the lease not been let go, the next process could only take the run once it lapsed (20 to 30 s after the signal).
        Assert.True(resumedAfter < RunWorker.Lease * 2 / 3, $"resumed {resumedAfter} after the signal");
        await slack.WaitFor(
            () => slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("Cancelled 40 queued tasks", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the run finished");
        Assert.Single(slack.TopLevel);
        Assert.All(queued, t => Assert.Equal(QuantumTaskStatus.Cancelling, braket.Task(t.QuantumTaskArn).Status));
    }
}
