using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>Claims in PostgreSQL, timed by the database's clock; expired ones are swept now and then.</summary>
[HotPath]
public sealed class PostgresClaimStore(PostgresCommands database) : IClaimStore
{
    private const string S = PostgresDatabase.Schema;
    private int claimsSincePurge;

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref claimsSincePurge) % 500 == 0)
            await database.ExecuteAsync($"DELETE FROM {S}.claims WHERE expires_at <= now()", cancellationToken);
        return await database.ExistsAsync(
            $"""
            INSERT INTO {S}.claims (key, expires_at) VALUES (@key, now() + @ttl)
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, holder = NULL WHERE {S}.claims.expires_at <= now()
            RETURNING 1
            """,
            cancellationToken,
            ("key", key),
            ("ttl", database.Ttl(expiresAt))
        );
    }

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? Task.CompletedTask
            : database.ExecuteAsync(
                $"DELETE FROM {S}.claims WHERE key = ANY(@keys) AND holder IS NOT DISTINCT FROM @holder",
                cancellationToken,
                ("keys", keys.ToArray()),
                ("holder", (object?)holder ?? DBNull.Value)
            );

    public async Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? new HashSet<string>()
            : (
                await database.StringsAsync(
                    $"SELECT key FROM {S}.claims WHERE key = ANY(@keys) AND expires_at > now()",
                    cancellationToken,
                    ("keys", keys.ToArray())
                )
            ).ToHashSet();
}
