using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using BraketBot.Enforcement;
using BraketBot.Hosting;
using BraketBot.Telemetry;
using Microsoft.Extensions.Options;

namespace BraketBot.Queue;

/// <summary>
/// Long-polls the SQS queue that an EventBridge rule targets and hands each event to the same intake
/// as the webhook (same de-duplication by event id, same evaluation). A handled message is deleted,
/// and so is one that is not an event (after a log line); a message whose hand-over failed is left
/// to come back after its visibility timeout, and after the queue's maxReceiveCount its redrive
/// policy moves it to the dead-letter queue. No message stops the poller; several instances may poll.
/// </summary>
[HotPath]
public sealed partial class QueuePoller(
    IOptions<QueueOptions> options,
    IServiceProvider services,
    IServiceScopeFactory scopes,
    LinkStatus<QueuePoller> status,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<QueuePoller> logger
) : BackgroundService
{
    /// <summary>SQS's longest wait: an idle queue costs three requests a minute.</summary>
    public const int WaitTimeSeconds = 20;

    public const int MaxMessages = 10;

    /// <summary>The SQS actions the poller calls: what its IAM policy must allow on the queue.</summary>
    public static readonly IReadOnlyList<string> Actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];

    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            status.Off("No queue (EventBridge:QueueUrl is not set): events arrive at the webhook.");
            return;
        }
        status.Down($"Reaching the queue {settings.QueueUrl}.");
        var queueUrl = settings.QueueUrl!.ToString();
        var failures = 0;
        try
        {
            var sqs = services.GetRequiredService<IAmazonSQS>();
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<Message> messages;
                try
                {
                    // Says at once whether the queue can be reached (readiness), not after the first long poll.
                    if (!status.IsUp)
                        await sqs.GetQueueAttributesAsync(
                            new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] },
                            stoppingToken
                        );
                    status.Up($"Polling the queue {queueUrl}.");
                    var received = await sqs.ReceiveMessageAsync(
                        new ReceiveMessageRequest
                        {
                            QueueUrl = queueUrl,
                            MaxNumberOfMessages = MaxMessages,
                            WaitTimeSeconds = WaitTimeSeconds,
                        },
                        stoppingToken
                    );
                    messages = received.Messages ?? [];
                    failures = 0;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    status.Down($"Cannot reach the queue {queueUrl}: {e.Message}");
                    LogReceiveFailed(queueUrl, e.Message);
                    await Task.Delay(Backoff.After(++failures, FirstRetry, MaxRetry), time, stoppingToken);
                    continue;
                }
                foreach (var message in messages)
                    await TakeAsync(sqs, queueUrl, message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a message being handled is left to come back.
        }
    }

    private async Task TakeAsync(IAmazonSQS sqs, string queueUrl, Message message, CancellationToken cancellationToken)
    {
        switch (TaskStateChange.Parse(Encoding.UTF8.GetBytes(message.Body ?? "")))
        {
            case EventParse.Invalid invalid:
                metrics.Event("invalid");
                LogJunk(message.MessageId, invalid.Reason);
                break;
            case EventParse.Other other:
                metrics.Event("ignored");
                LogIgnored(message.MessageId, other.DetailType);
                break;
            case EventParse.BraketEvent braketEvent:
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var answer = await scope.ServiceProvider.GetRequiredService<EventIntake>().HandleAsync(braketEvent, cancellationToken);
                    LogHandled(braketEvent.EventId, answer.Outcome, answer.Detail);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The intake gave the event id back: when the message comes again it is handled, not taken for a duplicate.
                    LogHandOverFailed(e, braketEvent.EventId, message.MessageId);
                    return;
                }
                break;
        }
        try
        {
            await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogDeleteFailed(message.MessageId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot receive from the queue {QueueUrl}: {Error}; trying again with backoff")]
    private partial void LogReceiveFailed(string queueUrl, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted queue message {MessageId}: not an EventBridge event ({Reason})")]
    private partial void LogJunk(string messageId, string reason);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Deleted queue message {MessageId}: a '{DetailType}' event, not a Braket task state change"
    )]
    private partial void LogIgnored(string messageId, string detailType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {EventId} from the queue: {Outcome} ({Detail})")]
    private partial void LogHandled(string eventId, EventOutcome outcome, string detail);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Event {EventId} (queue message {MessageId}) could not be handed over; it stays in the queue and comes back"
    )]
    private partial void LogHandOverFailed(Exception e, string eventId, string messageId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not delete queue message {MessageId}: {Error}; it comes back and is recognised as handled"
    )]
    private partial void LogDeleteFailed(string messageId, string error);
}
