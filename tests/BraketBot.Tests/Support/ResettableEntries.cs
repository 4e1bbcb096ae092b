using BraketBot.Storage;

namespace BraketBot.Tests.Support;

/// <summary>The in-memory entries behind a shared host, emptied between tests as <see cref="ResettableStore"/> is.</summary>
public sealed class ResettableEntries(TimeProvider time) : IExpiringEntries
{
    private InMemoryExpiringEntries inner = new(time);

    public void Reset() => inner = new InMemoryExpiringEntries(time);

    public Task PutAsync(string setName, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.PutAsync(setName, key, value, expiresAt, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ListAsync(string setName, CancellationToken cancellationToken) =>
        inner.ListAsync(setName, cancellationToken);
}
