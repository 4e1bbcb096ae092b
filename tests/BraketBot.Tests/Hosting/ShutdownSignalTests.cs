using System.Diagnostics;
using System.Net;
using BraketBot.Tests.Support;
using Xunit.Abstractions;

namespace BraketBot.Tests.Hosting;

/// <summary>SIGTERM (docker stop, a rolling deploy) to the built bot in the middle of an enforcement run.</summary>
public sealed class ShutdownSignalTests(ITestOutputHelper output)
{
    /// <summary>The host's default shutdown timeout, which the bot does not change.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task SIGTERM_mid_run_exits_in_time_and_hands_the_run_over_at_once_instead_of_after_its_lease()
    {
        await using var process = await BuiltProcess.OnPostgresAsync();
        var (braket, slack) = (process.Braket, process.Slack);
        var now = DateTimeOffset.UtcNow;
        var queued = Tasks.Many(40, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, now.AddMinutes(-5)).ToArray();
        braket.Add(queued);
        var settings = process.Settings(
            new Dictionary<string, string>
            {
                ["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100",
                // Four cancels a second: the run takes ten seconds, long enough to be stopped in the middle.
                ["Braket:Quotas:CancelQuantumTask:Rate"] = "4",
                ["Braket:Quotas:CancelQuantumTask:Burst"] = "1",
            }
        );

        var signalled = Stopwatch.StartNew();
        using (var first = await BotProcess.StartAsync(settings))
        {
            await BuiltProcess.DeliverAsync(first, queued[0]);
            await slack.WaitFor(
                () => braket.RequestsOf(BraketOperations.CancelQuantumTask).Count >= 5 ? "cancelling" : null,
                TimeSpan.FromSeconds(90),
                "a run in the middle of its cancels"
            );

            signalled.Restart();
            var exited = await first.TerminateAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));
            output.WriteLine($"exited {exited?.TotalSeconds:F1} s after SIGTERM");
            Assert.True(exited < ShutdownTimeout, "the process exited within the host's shutdown timeout");
            Assert.Equal(0, first.ExitCode);
        }
        var cancelsBefore = braket.RequestsOf(BraketOperations.CancelQuantumTask).Count;
        Assert.InRange(cancelsBefore, 5, 39);

        using var second = await BotProcess.StartAsync(settings);
        await slack.WaitFor(
            () => braket.RequestsOf(BraketOperations.CancelQuantumTask).Count > cancelsBefore ? "resumed" : null,
            TimeSpan.FromSeconds(90),
            "the run resumed by the next process"
        );
        var resumedAfter = signalled.Elapsed;
        output.WriteLine($"resumed {resumedAfter.TotalSeconds:F1} s after SIGTERM");
        // Had the lease not been let go, the next process could only take the run once it lapsed (20 to 30 s after the signal).
        Assert.True(resumedAfter < RunWorker.Lease * 2 / 3, $"resumed {resumedAfter} after the signal");
        await slack.WaitFor(
            () => slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("Cancelled 40 queued tasks", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the run finished"
        );
        Assert.Single(slack.TopLevel);
        Assert.All(queued, t => Assert.Equal(QuantumTaskStatus.Cancelling, braket.Task(t.QuantumTaskArn).Status));
    }

    [Fact]
    public async Task SIGTERM_mid_run_in_memory_finishes_the_cancels_in_flight_records_the_rest_and_offers_to_cancel_exactly_those()
    {
        await using var process = BuiltProcess.InMemory();
        var (braket, slack) = (process.Braket, process.Slack);
        var now = DateTimeOffset.UtcNow;
        var queued = Tasks.Many(40, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, now.AddMinutes(-5)).ToArray();
        var otherDevice = Tasks.Many(3, Tasks.ForteArn, QuantumTaskStatus.Queued, 10, now.AddMinutes(-5)).ToArray();
        braket.Add([.. queued, .. otherDevice]);
        var capped = process.Settings(
            new Dictionary<string, string>
            {
                ["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100",
                // Four cancels a second: the run takes ten seconds, long enough to be stopped in the middle.
                ["Braket:Quotas:CancelQuantumTask:Rate"] = "4",
                ["Braket:Quotas:CancelQuantumTask:Burst"] = "1",
            }
        );

        using (var first = await BotProcess.StartAsync(capped))
        {
            await BuiltProcess.DeliverAsync(first, queued[0]);
            await slack.WaitFor(
                () => braket.RequestsOf(BraketOperations.CancelQuantumTask).Count >= 5 ? "cancelling" : null,
                TimeSpan.FromSeconds(90),
                "a run in the middle of its cancels"
            );

            var exited = await first.TerminateAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));
            output.WriteLine($"exited {exited?.TotalSeconds:F1} s after SIGTERM");
            Assert.True(exited < ShutdownTimeout, "the process exited within the host's shutdown timeout");
            Assert.Equal(0, first.ExitCode);
        }

        var cancels = braket.RequestsOf(BraketOperations.CancelQuantumTask).Select(r => Uri.UnescapeDataString(r.Path)).ToList();
        Assert.InRange(cancels.Count, 5, 39);
        Assert.Equal(cancels.Count, cancels.Distinct(StringComparer.Ordinal).Count());
        var left = queued.Where(t => braket.Task(t.QuantumTaskArn).Status == QuantumTaskStatus.Queued).ToList();
        Assert.Equal(40 - cancels.Count, left.Count);
        // Before it exited, the alert was brought up to date: what was cancelled, what is left, and a button for exactly those.
        var alert = Assert.Single(slack.TopLevel);
        var text = MessageText.Of(alert.Body);
        Assert.Contains($"Cancelled {cancels.Count} queued tasks", text, StringComparison.Ordinal);
        Assert.Contains($"BraketBot stopped (a restart or a deploy) with {left.Count} queued tasks left", text, StringComparison.Ordinal);
        var button = MessageButtons.Of(alert.Body, CancelRestAction.Id);

        // The next start (its store empty, the cap since raised) takes the click: the tasks the run left, not a newer
        // one nor another device's.
        var newer = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, DateTimeOffset.UtcNow);
        braket.Add(newer);
        using var second = await BotProcess.StartAsync(process.Settings());
        using (var client = new HttpClient { BaseAddress = second.Address })
        {
            var click = SlackRequests.ButtonBody(CancelRestAction.Id, button.GetProperty("value").GetString()!, slack.ResponseUrl("rest"));
            var clicked = await client.SendAsync(SlackRequests.Signed("/slack/interactions", click, DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        }
        await slack.WaitFor(
            () =>
                slack
                    .Responses("rest")
                    .Select(r => MessageText.Of(r))
                    .FirstOrDefault(t => t.Contains($"cancelled {left.Count} of {left.Count}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the rest cancelled"
        );
        Assert.All(queued, t => Assert.Equal(QuantumTaskStatus.Cancelling, braket.Task(t.QuantumTaskArn).Status));
        Assert.All([newer, .. otherDevice], t => Assert.Equal(QuantumTaskStatus.Queued, braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(40, braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
        Assert.Empty(braket.Unexpected);
        Assert.Empty(slack.Unexpected);
    }
}
