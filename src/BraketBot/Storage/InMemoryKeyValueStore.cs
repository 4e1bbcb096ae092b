using System.Collections.Concurrent;
using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>The single instance's remembered values.</summary>
public sealed class InMemoryKeyValueStore : IKeyValueStore
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);

    public Task SetValueAsync(string key, string value, CancellationToken cancellationToken)
    {
        values[key] = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken) => Task.FromResult(values.GetValueOrDefault(key));
}
