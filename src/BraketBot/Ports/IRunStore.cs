namespace BraketBot.Ports;

/// <summary>
/// Stored enforcement runs, each leased by the host working on it: only the holder saves it, and a run whose lease
/// expired is taken over. A run is created together with its claims (<see cref="IClaimStore"/>), so the two share
/// their state.
/// </summary>
public interface IRunStore
{
    /// <summary>Whether what it holds outlives this process (another host, or the next start, resumes the runs in it).</summary>
    bool OutlivesProcess { get; }

    /// <summary>
    /// Stores a new run and claims each key of <paramref name="claims"/> until its expiry, held by the
    /// run, all or nothing: false (and nothing stored) when any is taken. The run starts held by <paramref name="owner"/>.
    /// </summary>
    Task<bool> TryCreateRunAsync(
        EnforcementRun run,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        string owner,
        TimeSpan lease,
        CancellationToken cancellationToken
    );

    /// <summary>Takes an unfinished run whose lease is free, expired or this owner's; null otherwise.</summary>
    Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Saves the run's progress and renews the owner's lease; false when the owner lost it.</summary>
    Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Unfinished runs whose holder's lease expired: their host died.</summary>
    Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken);
}
