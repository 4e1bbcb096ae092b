using Amazon.SQS;
using BraketBot.Queue;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Queue;

/// <summary>
/// Braket events from an SQS queue through the real host, against moto's server (SQS's JSON
/// protocol): what an EventBridge rule with a queue target delivers. The webhook's API key is not set.
/// </summary>
[Collection(QueueHost.Name)]
public sealed class QueueTests(QueueFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    private AmazonSQSClient Sqs => fixture.Queue.Sqs;

    private string QueueUrl => fixture.Queue.Url;

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
    }

    private QuantumTaskSummary Created(long shots, int minutes)
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, shots, Morning.AddMinutes(minutes));
        Braket.Add(task);
        return task;
    }

    private Task Send(string body) => Sqs.SendMessageAsync(QueueUrl, body);

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    private Task<FakeSlack.Message> WaitForAlert(string reading) =>
        Slack.WaitFor(() => Slack.TopLevel.FirstOrDefault(m => Text(m).Contains(reading)), what: $"an alert reading '{reading}'");

    /// <summary>Waits until no message is left in the queue, visible or in flight.</summary>
    private async Task WaitUntilQueueIsEmpty()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var attributes = (
                await Sqs.GetQueueAttributesAsync(QueueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
            ).Attributes;
            var left =
                int.Parse(attributes["ApproximateNumberOfMessages"]) + int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"]);
            if (left == 0)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{left} message(s) stayed in the queue.");
            await Task.Delay(50);
        }
    }

    [MotoFact]
    public async Task A_breaching_event_from_the_queue_cancels_the_queued_tasks_and_alerts_once()
    {
        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        Braket.Add(queued);
        var trigger = Created(50, 5);

        // EventBridge delivers at least once: the same event twice.
        var body = Events.TaskStateChange(trigger, id: "ev-queue-1");
        await Send(body);
        await Send(body);

        var alert = await WaitForAlert("Cancelled 4 queued tasks");
        await WaitUntilQueueIsEmpty();
        await SettleAsync();
        Assert.Contains("cap breached", Text(alert));
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Single(Slack.TopLevel);
        Assert.Single(Slack.Bodies("chat.postMessage"));
        Assert.Equal(4, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
    }

    [MotoFact]
    public async Task Junk_is_deleted_and_does_not_stop_the_poller()
    {
        Braket.Add(Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray());

        await Send("not json");
        await Send("{\"detail-type\":\"Braket Task State Change\"}");
        await Send(Events.TaskStateChange(Created(50, 1)).Replace("Braket Task State Change", "Braket Device State Change"));
        await Send(Events.TaskStateChange(Created(50, 2)).Replace("\"shots\":\"50\"", "\"shots\":\"lots\""));
        await Send(Events.TaskStateChange(Created(50, 3)));

        await WaitForAlert("Cancelled");
        await WaitUntilQueueIsEmpty();
        await SettleAsync();
        Assert.Single(Slack.TopLevel);
    }

    [MotoFact]
    public async Task A_message_whose_hand_over_fails_stays_in_the_queue_and_is_handled_when_it_comes_back()
    {
        Braket.Add(Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray());
        var jobs = fixture.Jobs;
        jobs.Failures = 1;

        await Send(Events.TaskStateChange(Created(50, 1)));

        await WaitForAlert("Cancelled 4 queued tasks");
        await WaitUntilQueueIsEmpty();
        await SettleAsync();
        Assert.Equal(1, jobs.Failed);
        Assert.Equal(1, jobs.Enqueued);
        Assert.Single(Slack.TopLevel);
    }

    [MotoFact]
    public async Task Is_ready_polling_the_queue_without_the_webhooks_api_key()
    {
        var ready = await Bot.WaitUntilReadyAsync();

        Assert.Empty(ready.GetProperty("missing").EnumerateArray());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty(QueueExtensions.ReadinessCheck).GetProperty("status").GetString());
    }
}
