using System.Threading.Channels;

namespace BraketBot.Commands;

/// <summary>
/// The slow half of Slack's commands and clicks, run in the background of this process. They are
/// interactive: answered within seconds through their response_url or not at all, so they need no
/// durable job store, and the acknowledgement costs a queue write, not a storage round trip
/// (Hangfire keeps the work that must survive a restart: alerts and cap evaluations).
/// </summary>
public sealed class CommandQueue(IServiceScopeFactory scopes, ILogger<CommandQueue> logger) : BackgroundService
{
    /// <summary>How many commands run at once; the rest wait their turn.</summary>
    public const int Workers = 8;

    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> work =
        Channel.CreateBounded<Func<IServiceProvider, CancellationToken, Task>>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues work for a handler resolved in its own scope; false when the queue is full.</summary>
    public bool TryEnqueue<THandler>(Func<THandler, CancellationToken, Task> run) where THandler : notnull =>
        work.Writer.TryWrite((services, ct) => run(services.GetRequiredService<THandler>(), ct));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in work.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await item(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "A Slack command failed in the background");
            }
        }
    }
}
