using Amazon.SQS;
using Amazon.SQS.Model;
using BraketBot.Queue;
using BraketBot.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Queue;

/// <summary>
/// Braket events from an SQS queue through the real host, against moto's server (SQS's JSON
/// protocol): what an EventBridge rule with a queue target delivers. The webhook's API key is not set.
/// </summary>
public sealed class QueueTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly BotFactory bot = new();
    private MotoServer moto = null!;
    private AmazonSQSClient sqs = null!;
    private string queueUrl = "";
    private HttpClient? client;

    public async Task InitializeAsync()
    {
        moto = await MotoServer.StartAsync();
        sqs = moto.Sqs();
        // A short visibility timeout: a message left in the queue comes back within the test.
        queueUrl = (
            await sqs.CreateQueueAsync(
                new CreateQueueRequest
                {
                    QueueName = "braketbot-events",
                    Attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "1" },
                }
            )
        ).QueueUrl;
        bot.Braket.Devices.AddRange(Tasks.AllDevices);
        bot.Settings["EventBridge:QueueUrl"] = queueUrl;
        bot.Settings["EventBridge:QueueRegion"] = MotoServer.Region;
        bot.Settings["EventBridge:SqsServiceUrl"] = moto.Url.ToString();
        bot.Settings.Remove("EventBridge:ApiKey");
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        bot.Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
    }

    public async Task DisposeAsync()
    {
        Assert.Empty(bot.Slack.Unexpected);
        Assert.Empty(bot.Braket.Unexpected);
        Dispose();
        sqs.Dispose();
        await moto.DisposeAsync();
    }

    public void Dispose()
    {
        client?.Dispose();
        bot.Dispose();
    }

    private HttpClient Client => client ??= bot.Client();

    private QuantumTaskSummary Created(long shots, int minutes)
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, shots, Morning.AddMinutes(minutes));
        bot.Braket.Add(task);
        return task;
    }

    private Task Send(string body) => sqs.SendMessageAsync(queueUrl, body);

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    private Task<FakeSlack.Message> WaitForAlert(string reading) =>
        bot.Slack.WaitFor(() => bot.Slack.TopLevel.FirstOrDefault(m => Text(m).Contains(reading)), what: $"an alert reading '{reading}'");

    /// <summary>Waits until no message is left in the queue, visible or in flight.</summary>
    private async Task WaitUntilQueueIsEmpty()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var attributes = (
                await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
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
        bot.Braket.Add(queued);
        var trigger = Created(50, 5);
        _ = Client;

        // EventBridge delivers at least once: the same event twice.
        var body = Events.TaskStateChange(trigger, id: "ev-queue-1");
        await Send(body);
        await Send(body);

        var alert = await WaitForAlert("Cancelled 4 queued tasks");
        await WaitUntilQueueIsEmpty();
        await bot.SettleAsync();
        Assert.Contains("cap breached", Text(alert));
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, bot.Braket.Task(t.QuantumTaskArn).Status));
        Assert.Single(bot.Slack.TopLevel);
        Assert.Single(bot.Slack.Bodies("chat.postMessage"));
        Assert.Equal(4, bot.Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
    }

    [MotoFact]
    public async Task Junk_is_deleted_and_does_not_stop_the_poller()
    {
        bot.Braket.Add(Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray());
        _ = Client;

        await Send("not json");
        await Send("{\"detail-type\":\"Braket Task State Change\"}");
        await Send(Events.TaskStateChange(Created(50, 1)).Replace("Braket Task State Change", "Braket Device State Change"));
        await Send(Events.TaskStateChange(Created(50, 2)).Replace("\"shots\":\"50\"", "\"shots\":\"lots\""));
        await Send(Events.TaskStateChange(Created(50, 3)));

        await WaitForAlert("Cancelled");
        await WaitUntilQueueIsEmpty();
        await bot.SettleAsync();
        Assert.Single(bot.Slack.TopLevel);
    }

    [MotoFact]
    public async Task A_message_whose_hand_over_fails_stays_in_the_queue_and_is_handled_when_it_comes_back()
    {
        bot.Braket.Add(Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray());
        FlakyJobClient? jobs = null;
        bot.TestServices.Add(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IBackgroundJobClient));
            services.Remove(real);
            services.AddSingleton<IBackgroundJobClient>(sp =>
                jobs = new FlakyJobClient((IBackgroundJobClient)real.ImplementationFactory!(sp)) { Failures = 1 }
            );
        });
        _ = Client;

        await Send(Events.TaskStateChange(Created(50, 1)));

        await WaitForAlert("Cancelled 4 queued tasks");
        await WaitUntilQueueIsEmpty();
        await bot.SettleAsync();
        Assert.Equal(1, jobs!.Failed);
        Assert.Equal(1, jobs.Enqueued);
        Assert.Single(bot.Slack.TopLevel);
    }

    [MotoFact]
    public async Task Is_ready_polling_the_queue_without_the_webhooks_api_key()
    {
        _ = Client;

        var ready = await bot.WaitUntilReadyAsync();

        Assert.Empty(ready.GetProperty("missing").EnumerateArray());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty(QueueExtensions.ReadinessCheck).GetProperty("status").GetString());
    }
}
