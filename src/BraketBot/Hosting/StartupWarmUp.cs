namespace BraketBot.Hosting;

/// <summary>
/// Work done once at start, beside it, so that a new process's first breach does not pay for what is slow the first time (JIT
/// compilation, serializers' set-up). A warm-up touches no state and no network; its failure only makes that first breach
/// slower: logged, never a reason not to start.
/// </summary>
public abstract partial class StartupWarmUp(ILogger logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(WarmUpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The warm-up itself; false when it failed (its warning says why).</summary>
    public async Task<bool> WarmUpAsync()
    {
        try
        {
            await RunAsync();
            LogWarm(GetType().Name);
            return true;
        }
        catch (Exception e)
        {
            LogWarmUpFailed(GetType().Name, e);
            return false;
        }
    }

    /// <summary>The path walked on made-up data.</summary>
    protected abstract Task RunAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "{WarmUp} done")]
    private partial void LogWarm(string warmUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{WarmUp} failed; a new process's first breach may be slower")]
    private partial void LogWarmUpFailed(string warmUp, Exception e);
}
