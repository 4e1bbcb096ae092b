using BraketBot.Braket;

namespace BraketBot.Storage;

/// <summary>The single-instance store: everything under one lock, expired entries dropped as they are met.</summary>
public sealed class InMemoryBotStore(TimeProvider time) : IBotStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> claims = [];
    private readonly Dictionary<string, string> values = [];
    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, bool Pending)> runs = [];
    private readonly Dictionary<string, Dictionary<string, QuantumTaskSummary>> tasksByDay = [];

    public Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (claims.TryGetValue(key, out var until) && until > now) return Task.FromResult(false);
            claims[key] = expiresAt;
            if (claims.Count % 1024 == 0) Purge(now);
            return Task.FromResult(true);
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

    public Task<bool> TryAcquireLeaseAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (runs.TryGetValue(key, out var run) && run.ExpiresAt > now) return Task.FromResult(false);
            runs[key] = (now + lease, false);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseLeaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate) runs.Remove(key);
        return Task.CompletedTask;
    }

    public Task<RunStart> BeginRunAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (runs.TryGetValue(key, out var run) && run.ExpiresAt > now)
            {
                runs[key] = run with { Pending = true };
                return Task.FromResult(RunStart.Queued);
            }
            runs[key] = (now + lease, false);
            return Task.FromResult(RunStart.Started);
        }
    }

    public Task<bool> EndRunAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (runs.TryGetValue(key, out var run) && run.Pending)
            {
                runs[key] = (time.GetUtcNow() + lease, false);
                return Task.FromResult(true);
            }
            runs.Remove(key);
            return Task.FromResult(false);
        }
    }

    public Task RememberTaskAsync(string day, QuantumTaskSummary task, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!tasksByDay.TryGetValue(day, out var tasks))
            {
                // A new day: drop the days no evaluation looks at any more.
                var oldest = DateOnly.Parse(day).AddDays(-2).ToString("yyyy-MM-dd");
                foreach (var old in tasksByDay.Keys.Where(d => string.CompareOrdinal(d, oldest) < 0).ToList()) tasksByDay.Remove(old);
                tasksByDay[day] = tasks = [];
            }
            tasks[task.QuantumTaskArn] = task;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QuantumTaskSummary>> RememberedTasksAsync(string day, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<QuantumTaskSummary>>(
                tasksByDay.TryGetValue(day, out var tasks) ? tasks.Values.ToList() : []);
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var key in claims.Where(c => c.Value <= now).Select(c => c.Key).ToList()) claims.Remove(key);
    }
}
