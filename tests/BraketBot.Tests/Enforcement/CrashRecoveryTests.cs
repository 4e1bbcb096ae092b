using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Enforcement;

/// <summary>The built bot killed (SIGKILL) in the middle of an enforcement run on PostgreSQL, and started again.</summary>
public sealed class CrashRecoveryTests
{
    [PostgresFact]
    public async Task A_run_killed_mid_way_is_finished_by_the_restarted_process_cancelling_each_task_once_under_one_alert()
    {
        await using var process = await BuiltProcess.OnPostgresAsync();
        var (braket, slack) = (process.Braket, process.Slack);
        var now = DateTimeOffset.UtcNow;
        var queued = Tasks.Many(60, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, now.AddMinutes(-5)).ToArray();
        var trigger = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 10, now);
        braket.Add([.. queued, trigger]);
        var settings = process.Settings(
            new Dictionary<string, string>
            {
                ["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100",
                // Ten cancels a second: the run takes about six seconds, long enough to be killed in the middle.
                ["Braket:Quotas:CancelQuantumTask:Rate"] = "10",
                ["Braket:Quotas:CancelQuantumTask:Burst"] = "2",
            }
        );

        using (var first = await BotProcess.StartAsync(settings))
        {
            await BuiltProcess.DeliverAsync(first, trigger);
            // Generous: a fresh database's first job on a CI machine busy with the rest of the suite was seen to take over 30 s.
            await slack.WaitFor(
                () => slack.TopLevel.Count > 0 ? "alerted" : null,
                TimeSpan.FromSeconds(90),
                "the alert, posted before the cancels"
            );
            await slack.WaitFor(
                () => braket.RequestsOf(BraketOperations.CancelQuantumTask).Count >= 15 ? "cancelling" : null,
                TimeSpan.FromSeconds(30),
                "a run in the middle of its cancels"
            );
            first.Kill();
        }
        var cancelsBeforeTheCrash = braket.RequestsOf(BraketOperations.CancelQuantumTask).Count;
        Assert.InRange(cancelsBeforeTheCrash, 15, 60);
        Assert.Single(slack.TopLevel);

        using var second = await BotProcess.StartAsync(settings);
        var finished = await slack.WaitFor(
            () => slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("Cancelled 61 queued tasks")),
            TimeSpan.FromSeconds(150),
            "the run finished by the restarted process"
        );

        Assert.Single(slack.TopLevel);
        Assert.True(finished.Updates > 0, "finished in place");
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, braket.Task(t.QuantumTaskArn).Status));
        // Each task is one cancellation: whatever was sent twice across the crash carried the same clientToken.
        var tokensPerTask = braket
            .RequestsOf(BraketOperations.CancelQuantumTask)
            .GroupBy(r => Uri.UnescapeDataString(r.Path))
            .ToDictionary(
                g => g.Key,
                g => g.Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("clientToken").GetString()).Distinct().Count()
            );
        Assert.Equal(61, tokensPerTask.Count);
        Assert.All(tokensPerTask.Values, tokens => Assert.Equal(1, tokens));
        Assert.Empty(slack.Unexpected);
    }
}
