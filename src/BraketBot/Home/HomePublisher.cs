using System.Threading.Channels;

namespace BraketBot.Home;

/// <summary>
/// The Home tabs to publish, drawn in the background of this process so that Slack's event is acknowledged
/// at once. A full queue says so (the event is then left for Slack to deliver again); a tab lost to a
/// restart is drawn again the next time its user opens it.
/// </summary>
public sealed partial class HomePublisher(IServiceScopeFactory scopes, ILogger<HomePublisher> logger) : BackgroundService
{
    /// <summary>Tabs drawn at once: each is a few store reads and one Slack call.</summary>
    private const int Workers = 4;

    public const int Capacity = 1000;

    private readonly Channel<HomeRequest> requests = Channel.CreateBounded<HomeRequest>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait }
    );

    private int unfinished;

    /// <summary>Tabs queued or being drawn now; zero when every tab asked for was published (or given up).</summary>
    public int Unfinished => Volatile.Read(ref unfinished);

    /// <summary>Queues a tab to publish; false when the queue is full or the host is stopping.</summary>
    public bool TryEnqueue(HomeRequest request)
    {
        Interlocked.Increment(ref unfinished);
        if (requests.Writer.TryWrite(request))
            return true;
        Interlocked.Decrement(ref unfinished);
        return false;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        requests.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<HomeTab>().PublishAsync(request, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(e, request.UserId);
                }
                finally
                {
                    Interlocked.Decrement(ref unfinished);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a tab not drawn is drawn again when its user next opens it.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Home tab of {UserId} could not be drawn")]
    private partial void LogFailed(Exception e, string userId);
}
