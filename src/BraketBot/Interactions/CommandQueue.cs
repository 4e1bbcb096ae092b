using System.Threading.Channels;
using BraketBot.Messages;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Interactions;

/// <summary>
/// The slow half of Slack's commands and clicks, run in the background of this process. They are
/// interactive, answered within seconds through their response_url, so the acknowledgement costs
/// a queue write, not a storage round trip; what must outlive the process (cancel runs, alerts) is
/// stored by the enforcement runs. On shutdown the queue is drained within the host's shutdown
/// timeout, and whoever is still waiting then is told to try again instead of hearing nothing.
/// </summary>
public sealed partial class CommandQueue(
    IServiceScopeFactory scopes,
    ISlackApi slack,
    IOptions<HostOptions> host,
    ILogger<CommandQueue> logger
) : IHostedService, IDisposable
{
    /// <summary>How many commands run at once; the rest wait their turn.</summary>
    public const int Workers = 8;

    public const string Restarting =
        ":arrows_counterclockwise: BraketBot restarted before it could finish this; nothing more will come of it. Please try again in a "
        + "minute.";

    /// <summary>Kept back from the host's shutdown timeout, to tell the people still waiting.</summary>
    private static readonly TimeSpan TellingTime = TimeSpan.FromSeconds(3);

    /// <param name="ResponseUrl">Where the person waits for the answer; none for a click on the Home tab (its answer is the tab).</param>
    private sealed record Work(Uri? ResponseUrl, Func<IServiceProvider, CancellationToken, Task> Run);

    private readonly Channel<Work> work = Channel.CreateBounded<Work>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait }
    );
    private readonly CancellationTokenSource stopping = new();
    private Task workers = Task.CompletedTask;
    private int unfinished;

    /// <summary>Commands queued or running now; zero when everything taken has been answered.</summary>
    public int Unfinished => Volatile.Read(ref unfinished);

    /// <summary>Queues work for a handler resolved in its own scope; false when the queue is full or the host is stopping.</summary>
    public bool TryEnqueue<THandler>(Uri? responseUrl, Func<THandler, CancellationToken, Task> run)
        where THandler : notnull
    {
        Interlocked.Increment(ref unfinished);
        if (work.Writer.TryWrite(new Work(responseUrl, (services, ct) => run(services.GetRequiredService<THandler>(), ct))))
            return true;
        Interlocked.Decrement(ref unfinished);
        return false;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        workers = Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        work.Writer.TryComplete();
        var drain = host.Value.ShutdownTimeout - TellingTime;
        try
        {
            stopping.CancelAfter(drain > TimeSpan.Zero ? drain : TimeSpan.Zero);
        }
        catch (ObjectDisposedException)
        {
            return; // the container was disposed before the host stopped (a torn-down test host): nothing is left to drain
        }
        await workers.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WorkAsync()
    {
        await foreach (var item in work.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await RunAsync(item);
            }
            finally
            {
                Interlocked.Decrement(ref unfinished);
            }
        }
    }

    private async Task RunAsync(Work item)
    {
        if (stopping.IsCancellationRequested)
        {
            await TellToRetryAsync(item);
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await item.Run(scope.ServiceProvider, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await TellToRetryAsync(item);
        }
        catch (Exception e)
        {
            LogFailed(e);
        }
    }

    private async Task TellToRetryAsync(Work item)
    {
        if (item.ResponseUrl is null)
            return; // a Home tab's click: the tab shows what was done, and the person clicks again
        using var timeout = new CancellationTokenSource(TellingTime);
        try
        {
            await slack.RespondAsync(
                item.ResponseUrl,
                SlackMessage.Plain(Restarting),
                Visibility.Ephemeral,
                replaceOriginal: false,
                timeout.Token
            );
            LogToldToRetry(item.ResponseUrl.Host);
        }
        catch (OperationCanceledException)
        {
            LogNotToldToRetry(item.ResponseUrl.Host);
        }
    }

    public void Dispose() => stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack command failed in the background")]
    private partial void LogFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: a waiting Slack command was told to try again ({Host})")]
    private partial void LogToldToRetry(string host);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Shutting down: a waiting Slack command could not be told to try again in time ({Host})"
    )]
    private partial void LogNotToldToRetry(string host);
}
