using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>The single-instance entries: one lock, expired entries of a set dropped when the set is written.</summary>
public sealed class InMemoryExpiringEntries(TimeProvider time) : IExpiringEntries
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, (string Value, DateTimeOffset ExpiresAt)>> sets = new(StringComparer.Ordinal);

    public Task PutAsync(string setName, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!sets.TryGetValue(setName, out var entries))
                sets[setName] = entries = new(StringComparer.Ordinal);
            var now = time.GetUtcNow();
            foreach (var expired in entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
                entries.Remove(expired);
            entries[key] = (value, expiresAt);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, string>> ListAsync(string setName, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            IReadOnlyDictionary<string, string> live = sets.TryGetValue(setName, out var entries)
                ? entries.Where(e => e.Value.ExpiresAt > now).ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal)
                : new Dictionary<string, string>();
            return Task.FromResult(live);
        }
    }
}
