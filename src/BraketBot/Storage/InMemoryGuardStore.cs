using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>The single instance's guards, under one lock.</summary>
public sealed class InMemoryGuardStore(TimeProvider time) : IGuardStore
{
    private sealed record Guard(string Owner, DateTimeOffset ExpiresAt, bool Pending);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Guard> guards = [];

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
}
