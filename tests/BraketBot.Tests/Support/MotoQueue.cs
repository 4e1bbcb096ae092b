using Amazon.SQS;
using Amazon.SQS.Model;

namespace BraketBot.Tests.Support;

/// <summary>moto's server with the queue an EventBridge rule would target, for <see cref="QueueFixture"/>'s host and its tests.</summary>
public sealed class MotoQueue : IAsyncDisposable
{
    private readonly MotoServer server;

    private MotoQueue(MotoServer server, AmazonSQSClient sqs, string url)
    {
        this.server = server;
        Sqs = sqs;
        Url = url;
    }

    /// <summary>The tests' own client of the queue (sending, counting).</summary>
    public AmazonSQSClient Sqs { get; }

    public string Url { get; }

    public static async Task<MotoQueue> StartAsync()
    {
        var server = await MotoServer.StartAsync();
        var sqs = server.Sqs();
        // A short visibility timeout: a message left in the queue comes back within the test.
        var created = await sqs.CreateQueueAsync(
            new CreateQueueRequest
            {
                QueueName = "braketbot-events",
                Attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "1" },
            }
        );
        return new MotoQueue(server, sqs, created.QueueUrl);
    }

    /// <summary>A bot that polls this queue, without the webhook's API key.</summary>
    public void Configure(BotFactory bot)
    {
        bot.Settings["EventBridge:QueueUrl"] = Url;
        bot.Settings["EventBridge:QueueRegion"] = MotoServer.Region;
        bot.Settings["EventBridge:SqsServiceUrl"] = server.Url.ToString();
        bot.Settings.Remove("EventBridge:ApiKey");
    }

    /// <summary>Deletes every message, visible or in flight (moto purges at once, with no minute between purges as SQS has).</summary>
    public Task PurgeAsync() => Sqs.PurgeQueueAsync(Url);

    public async ValueTask DisposeAsync()
    {
        Sqs.Dispose();
        await server.DisposeAsync();
    }
}
