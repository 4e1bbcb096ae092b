using BraketBot.Braket;

namespace BraketBot.Storage;

public enum RunStart
{
    /// <summary>The caller holds the run now.</summary>
    Started,

    /// <summary>A run is in flight; it will run once more when it ends.</summary>
    Queued,
}

/// <summary>
/// The state BraketBot shares between its own runs and, with PostgreSQL, between instances.
/// Every operation is atomic, so two instances asking at once get one "yes".
/// </summary>
public interface IBotStore
{
    /// <summary>True the first time a key is claimed until it expires: de-duplicated events, alerts sent once.</summary>
    Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Remembers a value under a claimed key (the ts of a posted alert, for its follow-ups).</summary>
    Task SetValueAsync(string key, string value, CancellationToken cancellationToken);

    Task<string?> GetValueAsync(string key, CancellationToken cancellationToken);

    /// <summary>Takes a lease on a run; false while another holder's lease is unexpired.</summary>
    Task<bool> TryAcquireLeaseAsync(string key, TimeSpan lease, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Coalescing: starts a run, or, while one is in flight, asks it to run once more. However many
    /// ask, there is one run in flight and at most one pending.
    /// </summary>
    Task<RunStart> BeginRunAsync(string key, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends a run; true when it was asked to run again (the holder keeps the run and goes on).</summary>
    Task<bool> EndRunAsync(string key, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Remembers a task an event told of, so evaluations count it before Braket's search lists it.</summary>
    Task RememberTaskAsync(string day, QuantumTaskSummary task, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuantumTaskSummary>> RememberedTasksAsync(string day, CancellationToken cancellationToken);
}
