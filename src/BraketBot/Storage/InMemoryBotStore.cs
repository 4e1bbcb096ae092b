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
    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, string? Holder)> claims = [];
    private readonly Dictionary<string, string> values = [];
    private readonly Dictionary<string, Guard> guards = [];
    private readonly Dictionary<string, StoredRun> runs = [];
    private readonly Dictionary<Day, Dictionary<string, QuantumTaskSummary>> tasksByDay = [];

    public Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (IsClaimed(key, now)) return Task.FromResult(false);
            claims[key] = (expiresAt, null);
            if (claims.Count % 1024 == 0) Purge(now);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken)
    {
        lock (gate)
            foreach (var key in keys)
                if (claims.TryGetValue(key, out var claim) && claim.Holder == holder) claims.Remove(key);
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
        lock (gate) values[key] = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult(values.GetValueOrDefault(key));
    }

    public Task<RunStart> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (guards.TryGetValue(key, out var guard) && guard.ExpiresAt > now)
            {
                guards[key] = guard with { Pending = true };
                return Task.FromResult(RunStart.Queued);
            }
            guards[key] = new Guard(owner, now + lease, false);
            return Task.FromResult(RunStart.Started);
        }
    }

    public Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (guards.TryGetValue(key, out var guard) && guard.ExpiresAt > now && guard.Owner != owner) return Task.FromResult(false);
            guards[key] = new Guard(owner, now + lease, guard is { Owner: var o, Pending: true } && o == owner);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!guards.TryGetValue(key, out var guard) || guard.Owner != owner) return Task.FromResult(false);
            guards[key] = guard with { ExpiresAt = time.GetUtcNow() + lease };
            return Task.FromResult(true);
        }
    }

    public Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!guards.TryGetValue(key, out var guard) || guard.Owner != owner) return Task.FromResult(false);
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
            if (guards.TryGetValue(key, out var guard) && guard.Owner == owner) guards.Remove(key);
        return Task.CompletedTask;
    }

    public Task<bool> TryCreateRunAsync(
        EnforcementRun run, IReadOnlyDictionary<string, DateTimeOffset> claims, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (claims.Keys.Any(k => IsClaimed(k, now)) || runs.ContainsKey(run.Id)) return Task.FromResult(false);
            foreach (var (key, expiresAt) in claims) this.claims[key] = (expiresAt, run.Id);
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
            if (!runs.TryGetValue(run.Id, out var stored) || stored.Owner != owner) return Task.FromResult(false);
            runs[run.Id] = new StoredRun(RunJson.Serialize(run), run.Finished ? null : owner, now + lease, run.Finished, now);
            if (run.Finished) PurgeRuns(now);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult<IReadOnlyList<string>>(runs.Where(r => !r.Value.Finished && r.Value.LeaseUntil <= now).Select(r => r.Key).ToList());
        }
    }

    public Task RememberTaskAsync(Day day, QuantumTaskSummary task, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!tasksByDay.TryGetValue(day, out var tasks))
            {
                // A new day: drop the days no evaluation looks at any more.
                var oldest = day.AddDays(-Retention.RememberedTaskDays);
                foreach (var old in tasksByDay.Keys.Where(d => d < oldest).ToList()) tasksByDay.Remove(old);
                tasksByDay[day] = tasks = [];
            }
            tasks[task.QuantumTaskArn] = task;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QuantumTaskSummary>> RememberedTasksAsync(Day day, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<QuantumTaskSummary>>(tasksByDay.TryGetValue(day, out var tasks) ? tasks.Values.ToList() : []);
    }

    private bool IsClaimed(string key, DateTimeOffset now) => claims.TryGetValue(key, out var claim) && claim.ExpiresAt > now;

    private void Purge(DateTimeOffset now)
    {
        foreach (var key in claims.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key).ToList()) claims.Remove(key);
    }

    private void PurgeRuns(DateTimeOffset now)
    {
        foreach (var id in runs.Where(r => r.Value.Finished && r.Value.UpdatedAt < now - Retention.FinishedRuns).Select(r => r.Key).ToList()) runs.Remove(id);
    }

}
