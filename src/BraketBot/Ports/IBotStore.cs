namespace BraketBot.Ports;

public enum RunStart
{
    /// <summary>The caller holds the guard now.</summary>
    Started,

    /// <summary>A holder is in flight; it will go once more when it ends.</summary>
    Queued,
}

/// <summary>
/// The state BraketBot shares between its own runs and, with PostgreSQL, between instances.
/// Every operation is atomic, so two instances asking at once get one "yes". Every lease names its
/// owner: only the owner renews or releases it, and an expired lease is free for anyone.
/// </summary>
public interface IBotStore
{
    /// <summary>True the first time a key is claimed until it expires: de-duplicated events, replayed clicks.</summary>
    Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Gives claims back (an event whose hand-over failed, a run's scope when it ends), only where
    /// <paramref name="holder"/> holds them: a run's id, or null for plain claims.
    /// </summary>
    Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken);

    /// <summary>Which of these keys are claimed and unexpired now.</summary>
    Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Remembers a value (the ts of a breach alert, for its follow-ups).</summary>
    Task SetValueAsync(string key, string value, CancellationToken cancellationToken);

    Task<string?> GetValueAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Coalescing guard: takes it for <paramref name="owner"/>, or, while another owner holds it,
    /// asks that owner to go once more. However many ask, one holder and at most one pending.
    /// </summary>
    Task<RunStart> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Takes the guard if it is free, expired, or already this owner's (a retried job).</summary>
    Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the owner's lease; false when the owner lost it.</summary>
    Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends the owner's turn; true when it was asked to go again (the owner keeps the guard).</summary>
    Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Lets the guard go, pending request and all (the owner failed; its retry takes it again).</summary>
    Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new run and claims each key of <paramref name="claims"/> until its expiry, held by the
    /// run, all or nothing: false (and nothing stored) when any is taken. The run starts held by <paramref name="owner"/>.
    /// </summary>
    Task<bool> TryCreateRunAsync(
        EnforcementRun run, IReadOnlyDictionary<string, DateTimeOffset> claims, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Takes an unfinished run whose lease is free, expired or this owner's; null otherwise.</summary>
    Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Saves the run's progress and renews the owner's lease; false when the owner lost it.</summary>
    Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Unfinished runs whose holder's lease expired: their host died.</summary>
    Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken);


    /// <summary>Remembers a task an event told of, so evaluations count it before Braket's search lists it.</summary>
    Task RememberTaskAsync(Day day, QuantumTaskSummary task, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuantumTaskSummary>> RememberedTasksAsync(Day day, CancellationToken cancellationToken);
}

/// <summary>How long the store keeps what it keeps, the same for every provider.</summary>
public static class Retention
{
    /// <summary>Tasks told by events are needed only while their day can still be evaluated.</summary>
    public const int RememberedTaskDays = 2;

    /// <summary>Finished runs stay this long, for the follow-ups and people who look.</summary>
    public static readonly TimeSpan FinishedRuns = TimeSpan.FromDays(3);
}
