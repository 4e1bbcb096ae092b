using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>
/// The single-instance store: everything under one lock, expired entries dropped as they are met.
/// What it holds dies with the process (runs in progress included); PostgreSQL keeps it.
/// </summary>
public sealed class InMemoryBotStore(TimeProvider time) : IBotStore
{
    private sealed record Guard(string Owner, DateTimeOffset ExpiresAt, bool Pending);

    private sealed record StoredRun(string Json, string? Owner, DateTimeOffset LeaseUntil, bool Finished, DateTimeOffset UpdatedAt);

    private readonly Lock gate = new();

    public bool OutlivesProcess => false;
    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, string? Holder)> claims = [];
    private readonly Dictionary<string, string> values = [];
    private readonly Dictionary<string, Guard> guards = [];
    private readonly Dictionary<string, StoredRun> runs = [];
    private readonly Dictionary<string, LedgerTask> ledgerTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<Day, HashSet<string>> ledgerDays = [];
    private readonly Dictionary<(Day Day, string DeviceArn, QuantumTaskStatus Status, TaskBilling Billing), StatusTally> dayTotals = [];
    private readonly Dictionary<(Day Day, string Scope), DateTimeOffset> scans = [];

    public Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (IsClaimed(key, now))
                return Task.FromResult(false);
            claims[key] = (expiresAt, null);
            if (claims.Count % 1024 == 0)
                Purge(now);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken)
    {
        lock (gate)
            foreach (var key in keys)
                if (claims.TryGetValue(key, out var claim) && claim.Holder == holder)
                    claims.Remove(key);
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult<IReadOnlySet<string>>(keys.Where(k => IsClaimed(k, now)).ToHashSet());
        }
    }

    public Task SetValueAsync(string key, string value, CancellationToken cancellationToken)
    {
        lock (gate)
            values[key] = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult(values.GetValueOrDefault(key));
    }

    public Task<GuardOutcome> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (guards.TryGetValue(key, out var guard) && guard.ExpiresAt > now)
            {
                guards[key] = guard with { Pending = true };
                return Task.FromResult(GuardOutcome.Queued);
            }
            guards[key] = new Guard(owner, now + lease, false);
            return Task.FromResult(GuardOutcome.Started);
        }
    }

    public Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (guards.TryGetValue(key, out var guard) && guard.ExpiresAt > now && guard.Owner != owner)
                return Task.FromResult(false);
            guards[key] = new Guard(owner, now + lease, guard is { Owner: var o, Pending: true } && o == owner);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!guards.TryGetValue(key, out var guard) || guard.Owner != owner)
                return Task.FromResult(false);
            guards[key] = guard with { ExpiresAt = time.GetUtcNow() + lease };
            return Task.FromResult(true);
        }
    }

    public Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!guards.TryGetValue(key, out var guard) || guard.Owner != owner)
                return Task.FromResult(false);
            if (guard.Pending)
            {
                guards[key] = new Guard(owner, time.GetUtcNow() + lease, false);
                return Task.FromResult(true);
            }
            guards.Remove(key);
            return Task.FromResult(false);
        }
    }

    public Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken)
    {
        lock (gate)
            if (guards.TryGetValue(key, out var guard) && guard.Owner == owner)
                guards.Remove(key);
        return Task.CompletedTask;
    }

    public Task<bool> TryCreateRunAsync(
        EnforcementRun run,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        string owner,
        TimeSpan lease,
        CancellationToken cancellationToken
    )
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (claims.Keys.Any(k => IsClaimed(k, now)) || runs.ContainsKey(run.Id))
                return Task.FromResult(false);
            foreach (var (key, expiresAt) in claims)
                this.claims[key] = (expiresAt, run.Id);
            runs[run.Id] = new StoredRun(RunJson.Serialize(run), owner, now + lease, run.Finished, now);
            return Task.FromResult(true);
        }
    }

    public Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!runs.TryGetValue(runId, out var stored) || stored.Finished || (stored.LeaseUntil > now && stored.Owner != owner))
                return Task.FromResult<EnforcementRun?>(null);
            runs[runId] = stored with { Owner = owner, LeaseUntil = now + lease };
            return Task.FromResult<EnforcementRun?>(RunJson.Deserialize(stored.Json));
        }
    }

    public Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!runs.TryGetValue(run.Id, out var stored) || stored.Owner != owner)
                return Task.FromResult(false);
            runs[run.Id] = new StoredRun(RunJson.Serialize(run), run.Finished ? null : owner, now + lease, run.Finished, now);
            if (run.Finished)
                PurgeRuns(now);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult<IReadOnlyList<string>>(
                runs.Where(r => !r.Value.Finished && r.Value.LeaseUntil <= now).Select(r => r.Key).ToList()
            );
        }
    }

    public Task<IReadOnlyList<LedgerChange>> RecordAsync(IReadOnlyList<LedgerTask> observed, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var oldest = Retention.OldestTaskDay(time.GetUtcNow());
            return Task.FromResult(Apply(Ledger.MergeAll(ledgerTasks, observed.Where(t => t.Day >= oldest))));
        }
    }

    public Task<IReadOnlyList<LedgerChange>> ForgetAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult(
                Apply(arns.Distinct().Where(ledgerTasks.ContainsKey).Select(arn => new LedgerChange(ledgerTasks[arn], null)).ToList())
            );
    }

    public Task<IReadOnlyList<LedgerTask>> LedgerTasksAsync(
        Day day,
        IReadOnlyCollection<QuantumTaskStatus>? statuses,
        CancellationToken cancellationToken
    )
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<LedgerTask>>(
                ledgerDays.TryGetValue(day, out var arns)
                    ? arns.Select(arn => ledgerTasks[arn]).Where(t => statuses is null || statuses.Contains(t.Task.Status)).ToList()
                    : []
            );
    }

    public Task<IReadOnlyList<LedgerTask>> UnconfirmedTasksAsync(Day first, Day last, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<LedgerTask>>(
                ledgerDays
                    .Where(d => d.Key >= first && d.Key <= last)
                    .SelectMany(d => d.Value.Select(arn => ledgerTasks[arn]))
                    .Where(t => !t.Confirmed)
                    .ToList()
            );
    }

    public Task<IReadOnlyList<DayTally>> DayTotalsAsync(Day first, Day last, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<DayTally>>(
                dayTotals
                    .Where(t => t.Key.Day >= first && t.Key.Day <= last)
                    .Select(t => new DayTally(t.Key.Day, t.Key.DeviceArn, t.Key.Status, t.Value, t.Key.Billing))
                    .ToList()
            );
    }

    public Task MarkScannedAsync(IReadOnlyList<Day> days, string scope, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var day in days)
                if (!scans.TryGetValue((day, scope), out var earlier) || earlier < at)
                    scans[(day, scope)] = at;
            PurgeLedger(time.GetUtcNow());
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Day, DateTimeOffset>> ScannedAsync(
        Day first,
        Day last,
        string scope,
        CancellationToken cancellationToken
    )
    {
        lock (gate)
            return Task.FromResult<IReadOnlyDictionary<Day, DateTimeOffset>>(
                scans
                    .Where(s => s.Key.Day >= first && s.Key.Day <= last && (s.Key.Scope == scope || s.Key.Scope == Retention.EveryDevice))
                    .GroupBy(s => s.Key.Day)
                    .ToDictionary(g => g.Key, g => g.Max(s => s.Value))
            );
    }

    /// <summary>Writes merged changes: the task rows, and the totals moved by their deltas (a total that reaches zero goes).</summary>
    private IReadOnlyList<LedgerChange> Apply(IReadOnlyList<LedgerChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Before is { } before)
            {
                ledgerTasks.Remove(before.Task.QuantumTaskArn);
                ledgerDays[before.Day].Remove(before.Task.QuantumTaskArn);
            }
            if (change.After is { } after)
            {
                ledgerTasks[after.Task.QuantumTaskArn] = after;
                if (!ledgerDays.TryGetValue(after.Day, out var arns))
                    ledgerDays[after.Day] = arns = new HashSet<string>(StringComparer.Ordinal);
                arns.Add(after.Task.QuantumTaskArn);
            }
        }
        foreach (var delta in Ledger.TotalDeltas(changes))
        {
            var key = (delta.Day, delta.DeviceArn, delta.Status, delta.Billing);
            var total = dayTotals.GetValueOrDefault(key, StatusTally.None).Add(delta.Tally);
            if (total.Tasks == 0)
                dayTotals.Remove(key);
            else
                dayTotals[key] = total;
        }
        return changes;
    }

    private void PurgeLedger(DateTimeOffset now)
    {
        var oldestTask = Retention.OldestTaskDay(now);
        foreach (var day in ledgerDays.Keys.Where(d => d < oldestTask).ToList())
        {
            foreach (var arn in ledgerDays[day])
                ledgerTasks.Remove(arn);
            ledgerDays.Remove(day);
        }
        var oldestTotal = Retention.OldestTotalDay(now);
        foreach (var key in dayTotals.Keys.Where(k => k.Day < oldestTotal).ToList())
            dayTotals.Remove(key);
        foreach (var key in scans.Keys.Where(k => k.Day < oldestTotal).ToList())
            scans.Remove(key);
    }

    private bool IsClaimed(string key, DateTimeOffset now) => claims.TryGetValue(key, out var claim) && claim.ExpiresAt > now;

    private void Purge(DateTimeOffset now)
    {
        foreach (var key in claims.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key).ToList())
            claims.Remove(key);
    }

    private void PurgeRuns(DateTimeOffset now)
    {
        foreach (
            var id in runs.Where(r => r.Value.Finished && r.Value.UpdatedAt < now - Retention.FinishedRuns).Select(r => r.Key).ToList()
        )
            runs.Remove(id);
    }
}
