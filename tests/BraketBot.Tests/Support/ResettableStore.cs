using BraketBot.Storage;

namespace BraketBot.Tests.Support;

/// <summary>The in-memory store behind a shared host, emptied between tests so that no claim or run of one test reaches the next.</summary>
public sealed class ResettableStore(TimeProvider time) : IBotStore
{
    private InMemoryBotStore inner = new(time);

    public void Reset() => inner = new InMemoryBotStore(time);

    public bool OutlivesProcess => inner.OutlivesProcess;

    public Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.TryClaimAsync(key, expiresAt, cancellationToken);

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken) =>
        inner.ReleaseClaimsAsync(keys, holder, cancellationToken);

    public Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        inner.ClaimedAsync(keys, cancellationToken);

    public Task SetValueAsync(string key, string value, CancellationToken cancellationToken) =>
        inner.SetValueAsync(key, value, cancellationToken);

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken) => inner.GetValueAsync(key, cancellationToken);

    public Task<GuardOutcome> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.BeginGuardAsync(key, owner, lease, cancellationToken);

    public Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.TryTakeGuardAsync(key, owner, lease, cancellationToken);

    public Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.RenewGuardAsync(key, owner, lease, cancellationToken);

    public Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.EndGuardAsync(key, owner, lease, cancellationToken);

    public Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken) =>
        inner.ReleaseGuardAsync(key, owner, cancellationToken);

    public Task<bool> TryCreateRunAsync(
        EnforcementRun run,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        string owner,
        TimeSpan lease,
        CancellationToken cancellationToken
    ) => inner.TryCreateRunAsync(run, claims, owner, lease, cancellationToken);

    public Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.TryTakeRunAsync(runId, owner, lease, cancellationToken);

    public Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.SaveRunAsync(run, owner, lease, cancellationToken);

    public Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken) => inner.StalledRunsAsync(cancellationToken);

    public Task<IReadOnlyList<LedgerChange>> RecordAsync(IReadOnlyList<LedgerTask> observed, CancellationToken cancellationToken) =>
        inner.RecordAsync(observed, cancellationToken);

    public Task<IReadOnlyList<LedgerChange>> ForgetAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken) =>
        inner.ForgetAsync(arns, cancellationToken);

    public Task<IReadOnlyList<LedgerTask>> LedgerTasksAsync(
        Day day,
        IReadOnlyCollection<QuantumTaskStatus>? statuses,
        CancellationToken cancellationToken
    ) => inner.LedgerTasksAsync(day, statuses, cancellationToken);

    public Task<IReadOnlyList<LedgerTask>> UnconfirmedTasksAsync(Day first, Day last, CancellationToken cancellationToken) =>
        inner.UnconfirmedTasksAsync(first, last, cancellationToken);

    public Task<IReadOnlyList<DayTally>> DayTotalsAsync(Day first, Day last, CancellationToken cancellationToken) =>
        inner.DayTotalsAsync(first, last, cancellationToken);

    public Task MarkScannedAsync(IReadOnlyList<Day> days, string scope, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.MarkScannedAsync(days, scope, at, cancellationToken);

    public Task<IReadOnlyDictionary<Day, DateTimeOffset>> ScannedAsync(
        Day first,
        Day last,
        string scope,
        CancellationToken cancellationToken
    ) => inner.ScannedAsync(first, last, scope, cancellationToken);
}
