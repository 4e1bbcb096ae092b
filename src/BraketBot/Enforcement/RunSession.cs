using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Enforcement;

/// <summary>A run held by this host: its latest state, saved (which renews the lease) one save at a time.</summary>
[HotPath]
public sealed class RunSession(EnforcementRun run, string owner, IRunStore store) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim saving = new(1, 1);
    private EnforcementRun current = run;

    public EnforcementRun Run
    {
        get
        {
            lock (gate)
                return current;
        }
    }

    public void Dispose() => saving.Dispose();

    public void Update(Func<EnforcementRun, EnforcementRun> change)
    {
        lock (gate)
            current = change(current);
    }

    /// <summary>Saves the run; throws <see cref="RunLostException"/> when another host holds it now.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!await SaveAsync(RunWorker.Lease, cancellationToken))
            throw new RunLostException(Run.Id);
    }

    /// <returns>False when the lease was lost to another host.</returns>
    public Task<bool> RenewAsync(CancellationToken cancellationToken) => SaveAsync(RunWorker.Lease, cancellationToken);

    /// <summary>Saves and lets the lease lapse at once, for the next host to resume.</summary>
    public Task ReleaseAsync() => SaveAsync(TimeSpan.Zero, CancellationToken.None);

    private async Task<bool> SaveAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await saving.WaitAsync(cancellationToken);
        try
        {
            return await store.SaveRunAsync(Run, owner, lease, cancellationToken);
        }
        finally
        {
            saving.Release();
        }
    }
}
