using BraketBot.Tests.Support;

namespace BraketBot.Tests.Robustness;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task With_braket_failing_30_percent_of_calls_every_queued_task_is_cancelled_and_one_alert_posted()
    {
        using var bot = new BotFactory();
        bot.Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100";
        bot.Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        var morning = new DateTimeOffset(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
        var queued = Tasks.Many(60, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, morning).ToArray();
        var trigger = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 10, morning.AddHours(1));
        bot.Braket.Add([.. queued, trigger]);
        bot.Braket.FaultRate = 0.3;
        using var client = bot.Client();

        await client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));

        await bot.Slack.WaitFor(
            () => bot.Slack.TopLevel.Any(m => m.Body.ToString().Contains("Cancelled 61 queued tasks")) ? "done" : null,
            TimeSpan.FromSeconds(90),
            "the alert's outcome"
        );
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, bot.Braket.Task(t.QuantumTaskArn).Status));
        Assert.Single(bot.Slack.TopLevel);
        Assert.Single(bot.Slack.Bodies("chat.postMessage"));
        Assert.True(bot.Braket.Requests.Count > 62, "faults were injected and retried");
    }
}
