using BraketBot.Hosting;
using BraketBot.Ports;
using Npgsql;

namespace BraketBot.Storage;

/// <summary>
/// Runs in PostgreSQL, leased by the database's clock, so that another instance resumes a run whose host died.
/// A run is inserted in one transaction with its claims (the claims' table), all or nothing.
/// </summary>
[HotPath]
public sealed class PostgresRunStore(PostgresCommands database) : IRunStore
{
    private const string S = PostgresDatabase.Schema;

    public bool OutlivesProcess => true;

    public async Task<bool> TryCreateRunAsync(
        EnforcementRun run,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        string owner,
        TimeSpan lease,
        CancellationToken cancellationToken
    )
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (claims.Count > 0 && !await ClaimAllAsync(connection, transaction, run.Id, claims, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {S}.enforcement_runs (id, run, owner, lease_until, finished, updated_at)
            VALUES (@id, @run::jsonb, @owner, now() + @lease, false, now()) ON CONFLICT (id) DO NOTHING
            """,
            connection,
            transaction
        );
        insert.Parameters.AddWithValue("id", run.Id);
        insert.Parameters.AddWithValue("run", RunJson.Serialize(run));
        insert.Parameters.AddWithValue("owner", owner);
        insert.Parameters.AddWithValue("lease", lease);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Claims every key for the run, or tells that one is taken (the caller rolls back).</summary>
    private async Task<bool> ClaimAllAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string runId,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        CancellationToken cancellationToken
    )
    {
        // Every claim is new or expired, or none is taken: a concurrent claimer waits on the key, then finds it taken.
        // Keys in one order, so that two planners of overlapping claims wait on each other instead of deadlocking.
        await using var claim = new NpgsqlCommand(
            $"""
            INSERT INTO {S}.claims (key, expires_at, holder)
            SELECT key, now() + ttl, @holder FROM unnest(@keys, @ttls) AS c (key, ttl) ORDER BY key
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, holder = EXCLUDED.holder
                WHERE {S}.claims.expires_at <= now()
            RETURNING 1
            """,
            connection,
            transaction
        );
        var ordered = claims.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        claim.Parameters.AddWithValue("keys", ordered.Select(c => c.Key).ToArray());
        claim.Parameters.AddWithValue("ttls", ordered.Select(c => database.Ttl(c.Value)).ToArray());
        claim.Parameters.AddWithValue("holder", runId);
        var taken = 0;
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                taken++;
        return taken == claims.Count;
    }

    public async Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var json = await database.ScalarAsync(
            $"""
            UPDATE {S}.enforcement_runs SET owner = @owner, lease_until = now() + @lease
            WHERE id = @id AND NOT finished AND (lease_until <= now() OR owner = @owner)
            RETURNING run::text
            """,
            cancellationToken,
            ("id", runId),
            ("owner", owner),
            ("lease", lease)
        );
        return json is string stored ? RunJson.Deserialize(stored) : null;
    }

    public async Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var saved = await database.ExistsAsync(
            $"""
            UPDATE {S}.enforcement_runs SET run = @run::jsonb, lease_until = now() + @lease, finished = @finished, updated_at = now(),
                owner = CASE WHEN @finished THEN NULL ELSE owner END
            WHERE id = @id AND owner = @owner
            RETURNING 1
            """,
            cancellationToken,
            ("id", run.Id),
            ("run", RunJson.Serialize(run)),
            ("owner", owner),
            ("lease", lease),
            ("finished", run.Finished)
        );
        if (saved && run.Finished)
            await database.ExecuteAsync(
                $"DELETE FROM {S}.enforcement_runs WHERE finished AND updated_at < now() - @keep",
                cancellationToken,
                ("keep", Retention.FinishedRuns)
            );
        return saved;
    }

    public Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken) =>
        database.StringsAsync(
            $"SELECT id FROM {S}.enforcement_runs WHERE NOT finished AND lease_until <= now() ORDER BY updated_at",
            cancellationToken
        );
}
