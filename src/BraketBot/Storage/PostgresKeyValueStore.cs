using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>Remembered values in PostgreSQL, one row a key.</summary>
[HotPath]
public sealed class PostgresKeyValueStore(PostgresCommands database) : IKeyValueStore
{
    private const string S = PostgresDatabase.Schema;

    public Task SetValueAsync(string key, string value, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            $"INSERT INTO {S}.kv (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = "
                + $"now()",
            cancellationToken,
            ("key", key),
            ("value", value)
        );

    public async Task<string?> GetValueAsync(string key, CancellationToken cancellationToken) =>
        await database.ScalarAsync($"SELECT value FROM {S}.kv WHERE key = @key", cancellationToken, ("key", key)) as string;
}
