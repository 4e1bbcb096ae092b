using System.Collections.Concurrent;
using System.Threading.Channels;
using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Enforcement;

/// <summary>
/// Carries the stored runs out: the ones this host starts, at once, and, every few seconds, any run
/// whose host stopped renewing its lease (it died), so that every run is finished by someone.
/// </summary>
[HotPath]
public sealed partial class RunWorker(IServiceScopeFactory scopes, IRunStore store, TimeProvider time, ILogger<RunWorker> logger)
    : BackgroundService
{
    /// <summary>A run's holder renews this often by a third; a dead holder's runs are taken over after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<string> started = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, Task> running = new();

    /// <summary>This process, as the owner of the leases it takes.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Runs in flight on this host now, or started and not yet picked up.</summary>
    public int Unfinished => running.Count + started.Reader.Count;

    public void Start(string runId) => started.Writer.TryWrite(runId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepAsync(stoppingToken);
        try
        {
            await foreach (var id in started.Reader.ReadAllAsync(stoppingToken))
                Launch(id, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the runs in flight stop where they are and are resumed from the store
        }
        await sweeping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(running.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await store.StalledRunsAsync(stoppingToken))
                    Launch(id, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
            await Task.Delay(SweepInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Launch(string runId, CancellationToken stoppingToken)
    {
        var gate = new TaskCompletionSource();
        if (!running.TryAdd(runId, gate.Task))
            return; // in flight here already
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var run = await store.TryTakeRunAsync(runId, Owner, Lease, stoppingToken);
                    if (run is null)
                        return; // finished, or alive elsewhere
                    await scope.ServiceProvider.GetRequiredService<RunExecutor>().ExecuteAsync(run, Owner, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRunFailed(e, runId);
                }
                catch (OperationCanceledException)
                {
                    // stopping
                }
                finally
                {
                    running.TryRemove(runId, out _);
                    gate.SetResult();
                }
            },
            CancellationToken.None
        );
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for stalled runs failed; trying again shortly")]
    private partial void LogSweepFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed; it is resumed once its lease expires")]
    private partial void LogRunFailed(Exception e, string runId);
}
