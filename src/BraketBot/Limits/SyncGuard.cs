using BraketBot.Ports;

namespace BraketBot.Limits;

/// <summary>A held turn at changing the limits: renewed while the work goes on, released at the end.</summary>
public sealed class SyncGuard(IGuardStore store, string owner) : IAsyncDisposable
{
    public const string Key = "spending-limits:sync";

    /// <summary>Longer than one change with its retries; a long sync renews it after each change.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>False when the guard was lost (another instance took it over): the holder then stops and writes nothing.</summary>
    public Task<bool> RenewAsync(CancellationToken cancellationToken) => store.RenewGuardAsync(Key, owner, Lease, cancellationToken);

    public async ValueTask DisposeAsync() => await store.ReleaseGuardAsync(Key, owner, CancellationToken.None);
}
