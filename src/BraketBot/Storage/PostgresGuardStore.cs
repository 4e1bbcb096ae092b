using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>Guards in PostgreSQL, one statement each, timed by the database's clock.</summary>
[HotPath]
public sealed class PostgresGuardStore(PostgresCommands database) : IGuardStore
{
    private const string S = PostgresDatabase.Schema;

    public async Task<GuardOutcome> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        // One statement: a free (or expired) guard is taken; a live one is marked to go once more.
        var started = await database.ScalarAsync(
            $"""
            INSERT INTO {S}.guards (key, owner, expires_at) VALUES (@key, @owner, now() + @lease)
            ON CONFLICT (key) DO UPDATE SET
                pending = {S}.guards.expires_at > now(),
                owner = CASE WHEN {S}.guards.expires_at > now() THEN {S}.guards.owner ELSE EXCLUDED.owner END,
                expires_at = CASE WHEN {S}.guards.expires_at > now() THEN {S}.guards.expires_at ELSE EXCLUDED.expires_at END
            RETURNING owner = @owner
            """,
            cancellationToken,
            ("key", key),
            ("owner", owner),
            ("lease", lease)
        );
        return (bool)started! ? GuardOutcome.Started : GuardOutcome.Queued;
    }

    public Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        database.ExistsAsync(
            $"""
            INSERT INTO {S}.guards (key, owner, expires_at) VALUES (@key, @owner, now() + @lease)
            ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
                pending = {S}.guards.pending AND {S}.guards.owner = EXCLUDED.owner
            WHERE {S}.guards.expires_at <= now() OR {S}.guards.owner = EXCLUDED.owner
            RETURNING 1
            """,
            cancellationToken,
            ("key", key),
            ("owner", owner),
            ("lease", lease)
        );

    public Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        database.ExistsAsync(
            $"UPDATE {S}.guards SET expires_at = now() + @lease WHERE key = @key AND owner = @owner RETURNING 1",
            cancellationToken,
            ("key", key),
            ("owner", owner),
            ("lease", lease)
        );

    public async Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        // One statement: a pending request keeps the guard for another turn, else the guard goes.
        var again = await database.ScalarAsync(
            $"""
            WITH mine AS (SELECT key, pending FROM {S}.guards WHERE key = @key AND owner = @owner FOR UPDATE),
                 again AS (UPDATE {S}.guards g SET pending = false, expires_at = now() + @lease FROM mine
                           WHERE g.key = mine.key AND mine.pending RETURNING 1),
                 gone AS (DELETE FROM {S}.guards g USING mine WHERE g.key = mine.key AND NOT mine.pending RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM again)
            """,
            cancellationToken,
            ("key", key),
            ("owner", owner),
            ("lease", lease)
        );
        return (bool)again!;
    }

    public Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            $"DELETE FROM {S}.guards WHERE key = @key AND owner = @owner",
            cancellationToken,
            ("key", key),
            ("owner", owner)
        );
}
