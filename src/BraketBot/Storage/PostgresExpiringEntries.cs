using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>
/// The entries on the shared database: a row per set and key, written by one upsert (so two instances writing entries
/// of one set at once both keep theirs), timed by the database's clock as the claims are; a set's expired rows go
/// when the set is next written.
/// </summary>
[HotPath]
public sealed class PostgresExpiringEntries(PostgresDatabase database, TimeProvider time) : IExpiringEntries
{
    private const string S = PostgresDatabase.Schema;

    public async Task PutAsync(string setName, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync();
        await using var command = database.DataSource.CreateCommand(
            $"""
            DELETE FROM {S}.entries WHERE set_name = @set AND expires_at <= now();
            INSERT INTO {S}.entries (set_name, key, value, expires_at) VALUES (@set, @key, @value, now() + @ttl)
            ON CONFLICT (set_name, key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at;
            """
        );
        command.Parameters.AddWithValue("set", setName);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("value", value);
        command.Parameters.AddWithValue("ttl", expiresAt - time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> ListAsync(string setName, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync();
        await using var command = database.DataSource.CreateCommand(
            $"SELECT key, value FROM {S}.entries WHERE set_name = @set AND expires_at > now()"
        );
        command.Parameters.AddWithValue("set", setName);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries[reader.GetString(0)] = reader.GetString(1);
        return entries;
    }
}
