namespace BraketBot.Ports;

public enum GuardOutcome
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
    /// <summary>Whether what it holds outlives this process (another host, or the next start, resumes the runs in it).</summary>
    bool OutlivesProcess { get; }

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
    Task<GuardOutcome> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

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

    // The usage ledger: a row per task BraketBot heard of (events, scans, its own cancels) and daily
    // totals per device and status that follow the rows, so usage is a sum, not a scan.

    /// <summary>
    /// Merges observations into the task rows by <see cref="Ledger.Merge"/> and moves the daily totals
    /// with them, atomically (with PostgreSQL, one writer at a time across instances). Returns what
    /// changed: nothing for a duplicate or stale news. Tasks of days the ledger no longer keeps
    /// (<see cref="Retention.LedgerTaskDays"/>) are not taken, lest their totals count them twice.
    /// </summary>
    Task<IReadOnlyList<LedgerChange>> RecordAsync(IReadOnlyList<LedgerTask> observed, CancellationToken cancellationToken);

    /// <summary>Drops tasks Braket does not know (told of by an event, never real) and takes them off the totals.</summary>
    Task<IReadOnlyList<LedgerChange>> ForgetAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken);

    /// <summary>The task rows of a day; <paramref name="statuses"/> narrows them (null: every status).</summary>
    Task<IReadOnlyList<LedgerTask>> LedgerTasksAsync(
        Day day,
        IReadOnlyCollection<QuantumTaskStatus>? statuses,
        CancellationToken cancellationToken
    );

    /// <summary>
    /// The task rows of the days <paramref name="first"/> to <paramref name="last"/> that Braket has not
    /// confirmed (known only from events).
    /// </summary>
    Task<IReadOnlyList<LedgerTask>> UnconfirmedTasksAsync(Day first, Day last, CancellationToken cancellationToken);

    /// <summary>The daily totals of the days <paramref name="first"/> to <paramref name="last"/>, per device and status.</summary>
    Task<IReadOnlyList<DayTally>> DayTotalsAsync(Day first, Day last, CancellationToken cancellationToken);

    /// <summary>
    /// Notes that a scan of these days over <paramref name="scope"/> (a device ARN, or
    /// <see cref="Retention.EveryDevice"/>) started at <paramref name="at"/> and is merged: the ledger
    /// holds those days from now on. Drops what is past its retention.
    /// </summary>
    Task MarkScannedAsync(IReadOnlyList<Day> days, string scope, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Of the days <paramref name="first"/> to <paramref name="last"/>, those a merged scan covered for the scope (its own or
    /// every device's), with the latest such scan.</summary>
    Task<IReadOnlyDictionary<Day, DateTimeOffset>> ScannedAsync(Day first, Day last, string scope, CancellationToken cancellationToken);
}
