namespace BraketBot.Tests.Support;

/// <summary>
/// Every role of the in-memory store in one object: the store behind a shared host, emptied between tests so that no
/// claim or run of one test reaches the next, and the store of the tests that build their services by hand.
/// </summary>
public sealed class ResettableStore(TimeProvider time) : IClaimStore, IGuardStore, IKeyValueStore, IRunStore, ILedgerStore
{
    private StoreRoles inner = StoreRoles.InMemory(time);

    public void Reset() => inner = StoreRoles.InMemory(time);

    public bool OutlivesProcess => inner.Runs.OutlivesProcess;

    public Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.Claims.TryClaimAsync(key, expiresAt, cancellationToken);

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken) =>
        inner.Claims.ReleaseClaimsAsync(keys, holder, cancellationToken);

    public Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        inner.Claims.ClaimedAsync(keys, cancellationToken);

    public Task SetValueAsync(string key, string value, CancellationToken cancellationToken) =>
        inner.Values.SetValueAsync(key, value, cancellationToken);

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken) =>
        inner.Values.GetValueAsync(key, cancellationToken);

    public Task<GuardOutcome> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.Guards.BeginGuardAsync(key, owner, lease, cancellationToken);

    public Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.Guards.TryTakeGuardAsync(key, owner, lease, cancellationToken);

    public Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.Guards.RenewGuardAsync(key, owner, lease, cancellationToken);

    public Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.Guards.EndGuardAsync(key, owner, lease, cancellationToken);

    public Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken) =>
        inner.Guards.ReleaseGuardAsync(key, owner, cancellationToken);

    public Task<bool> TryCreateRunAsync(
        EnforcementRun run,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        string owner,
        TimeSpan lease,
        CancellationToken cancellationToken
    ) => inner.Runs.TryCreateRunAsync(run, claims, owner, lease, cancellationToken);

    public Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.Runs.TryTakeRunAsync(runId, owner, lease, cancellationToken);

    public Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.Runs.SaveRunAsync(run, owner, lease, cancellationToken);

    public Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken) =>
        inner.Runs.StalledRunsAsync(cancellationToken);

    public Task<IReadOnlyList<LedgerChange>> RecordAsync(IReadOnlyList<LedgerTask> observed, CancellationToken cancellationToken) =>
        inner.Ledger.RecordAsync(observed, cancellationToken);

    public Task<IReadOnlyList<LedgerChange>> ForgetAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken) =>
        inner.Ledger.ForgetAsync(arns, cancellationToken);

    public Task<IReadOnlyList<LedgerTask>> LedgerTasksAsync(
        Day day,
        IReadOnlyCollection<QuantumTaskStatus>? statuses,
        CancellationToken cancellationToken
    ) => inner.Ledger.LedgerTasksAsync(day, statuses, cancellationToken);

    public Task<IReadOnlyList<LedgerTask>> UnconfirmedTasksAsync(Day first, Day last, CancellationToken cancellationToken) =>
        inner.Ledger.UnconfirmedTasksAsync(first, last, cancellationToken);

    public Task<IReadOnlyList<DayTally>> DayTotalsAsync(Day first, Day last, CancellationToken cancellationToken) =>
        inner.Ledger.DayTotalsAsync(first, last, cancellationToken);

    public Task MarkScannedAsync(IReadOnlyList<Day> days, string scope, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.Ledger.MarkScannedAsync(days, scope, at, cancellationToken);

    public Task<IReadOnlyDictionary<Day, DateTimeOffset>> ScannedAsync(
        Day first,
        Day last,
        string scope,
        CancellationToken cancellationToken
    ) => inner.Ledger.ScannedAsync(first, last, scope, cancellationToken);
}
