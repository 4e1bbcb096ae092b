using BraketBot.Hosting;

namespace BraketBot.Enforcement;

/// <summary>
/// Keeps a lease alive while its work runs: renews it every third of its length, and cancels the
/// work the moment the lease is lost (another owner took it after this one looked dead).
/// </summary>
[HotPath]
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource lost;
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    /// <param name="renew">Renews the lease; false when it was lost.</param>
    public LeaseKeeper(TimeSpan lease, Func<CancellationToken, Task<bool>> renew, TimeProvider time, CancellationToken workToken)
    {
        lost = CancellationTokenSource.CreateLinkedTokenSource(workToken);
        renewing = RenewAsync(lease / 3, renew, time);
    }

    /// <summary>Cancelled when the work must stop: the lease is lost, or the work's own token fired.</summary>
    public CancellationToken Token => lost.Token;

    private async Task RenewAsync(TimeSpan every, Func<CancellationToken, Task<bool>> renew, TimeProvider time)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, time, stop.Token);
                if (await TryRenewAsync(renew) == false)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the work ended
        }
    }

    /// <summary>True or false as the store said; null when it could not be asked (tried again next time, while the lease lasts).</summary>
    private async Task<bool?> TryRenewAsync(Func<CancellationToken, Task<bool>> renew)
    {
        try
        {
            return await renew(stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
        lost.Dispose();
    }
}
