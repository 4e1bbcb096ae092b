using System.Text.Json;
using BraketBot.Ports;
using Npgsql;

namespace BraketBot.Storage;

/// <summary>The shared store for several instances: each operation is one statement or one transaction.</summary>
public sealed class PostgresBotStore(PostgresDatabase database, TimeProvider time) : IBotStore
{
    private const string S = PostgresDatabase.Schema;
    private int claimsSincePurge;

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref claimsSincePurge) % 500 == 0)
            await ExecuteAsync($"DELETE FROM {S}.claims WHERE expires_at <= @now", cancellationToken, ("now", now));
        return await ExistsAsync(
            $"""
            INSERT INTO {S}.claims (key, expires_at) VALUES (@key, @expires)
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, holder = NULL WHERE {S}.claims.expires_at <= @now
            RETURNING 1
            """, cancellationToken, ("key", key), ("expires", expiresAt), ("now", now));
    }

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken) =>
        keys.Count == 0 ? Task.CompletedTask : ExecuteAsync(
            $"DELETE FROM {S}.claims WHERE key = ANY(@keys) AND holder IS NOT DISTINCT FROM @holder", cancellationToken,
            ("keys", keys.ToArray()), ("holder", (object?)holder ?? DBNull.Value));

    public async Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return new HashSet<string>();
        await using var command = await CommandAsync(
            $"SELECT key FROM {S}.claims WHERE key = ANY(@keys) AND expires_at > @now", ("keys", keys.ToArray()), ("now", time.GetUtcNow()));
        return (await ReadStringsAsync(command, cancellationToken)).ToHashSet();
    }

    public Task SetValueAsync(string key, string value, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"INSERT INTO {S}.kv (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
            cancellationToken, ("key", key), ("value", value));

    public async Task<string?> GetValueAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT value FROM {S}.kv WHERE key = @key", ("key", key));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<RunStart> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One statement: a free (or expired) guard is taken; a live one is marked to go once more.
        await using var command = await CommandAsync(
            $"""
            INSERT INTO {S}.guards (key, owner, expires_at) VALUES (@key, @owner, @expires)
            ON CONFLICT (key) DO UPDATE SET
                pending = {S}.guards.expires_at > @now,
                owner = CASE WHEN {S}.guards.expires_at > @now THEN {S}.guards.owner ELSE EXCLUDED.owner END,
                expires_at = CASE WHEN {S}.guards.expires_at > @now THEN {S}.guards.expires_at ELSE EXCLUDED.expires_at END
            RETURNING owner = @owner
            """, ("key", key), ("owner", owner), ("expires", now + lease), ("now", now));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))! ? RunStart.Started : RunStart.Queued;
    }

    public Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ExistsAsync(
            $"""
            INSERT INTO {S}.guards (key, owner, expires_at) VALUES (@key, @owner, @expires)
            ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
                pending = {S}.guards.pending AND {S}.guards.owner = EXCLUDED.owner
            WHERE {S}.guards.expires_at <= @now OR {S}.guards.owner = EXCLUDED.owner
            RETURNING 1
            """, cancellationToken, ("key", key), ("owner", owner), ("expires", now + lease), ("now", now));
    }

    public Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        ExistsAsync($"UPDATE {S}.guards SET expires_at = @expires WHERE key = @key AND owner = @owner RETURNING 1",
            cancellationToken, ("key", key), ("owner", owner), ("expires", time.GetUtcNow() + lease));

    public async Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        // One statement: a pending request keeps the guard for another turn, else the guard goes.
        await using var command = await CommandAsync(
            $"""
            WITH mine AS (SELECT key, pending FROM {S}.guards WHERE key = @key AND owner = @owner FOR UPDATE),
                 again AS (UPDATE {S}.guards g SET pending = false, expires_at = @expires FROM mine
                           WHERE g.key = mine.key AND mine.pending RETURNING 1),
                 gone AS (DELETE FROM {S}.guards g USING mine WHERE g.key = mine.key AND NOT mine.pending RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM again)
            """, ("key", key), ("owner", owner), ("expires", time.GetUtcNow() + lease));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {S}.guards WHERE key = @key AND owner = @owner", cancellationToken, ("key", key), ("owner", owner));

    public async Task<bool> TryCreateRunAsync(
        EnforcementRun run, IReadOnlyDictionary<string, DateTimeOffset> claims, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await database.EnsureReadyAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (claims.Count > 0)
        {
            // Every claim is new or expired, or none is taken: a concurrent claimer waits on the key, then finds it taken.
            // Keys in one order, so that two planners of overlapping claims wait on each other instead of deadlocking.
            await using var claim = new NpgsqlCommand(
                $"""
                INSERT INTO {S}.claims (key, expires_at, holder)
                SELECT key, expires_at, @holder FROM unnest(@keys, @expires) AS c (key, expires_at) ORDER BY key
                ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, holder = EXCLUDED.holder WHERE {S}.claims.expires_at <= @now
                RETURNING 1
                """, connection, transaction);
            var ordered = claims.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            claim.Parameters.AddWithValue("keys", ordered.Select(c => c.Key).ToArray());
            claim.Parameters.AddWithValue("expires", ordered.Select(c => c.Value).ToArray());
            claim.Parameters.AddWithValue("holder", run.Id);
            claim.Parameters.AddWithValue("now", now);
            var taken = 0;
            await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) taken++;
            if (taken != claims.Count)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {S}.enforcement_runs (id, run, owner, lease_until, finished, updated_at)
            VALUES (@id, @run::jsonb, @owner, @lease, false, @now) ON CONFLICT (id) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", run.Id);
        insert.Parameters.AddWithValue("run", RunJson.Serialize(run));
        insert.Parameters.AddWithValue("owner", owner);
        insert.Parameters.AddWithValue("lease", now + lease);
        insert.Parameters.AddWithValue("now", now);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = await CommandAsync(
            $"""
            UPDATE {S}.enforcement_runs SET owner = @owner, lease_until = @lease
            WHERE id = @id AND NOT finished AND (lease_until <= @now OR owner = @owner)
            RETURNING run::text
            """, ("id", runId), ("owner", owner), ("lease", now + lease), ("now", now));
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? RunJson.Deserialize(json) : null;
    }

    public async Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var saved = await ExistsAsync(
            $"""
            UPDATE {S}.enforcement_runs SET run = @run::jsonb, lease_until = @lease, finished = @finished, updated_at = @now,
                owner = CASE WHEN @finished THEN NULL ELSE owner END
            WHERE id = @id AND owner = @owner
            RETURNING 1
            """, cancellationToken,
            ("id", run.Id), ("run", RunJson.Serialize(run)), ("owner", owner), ("lease", now + lease),
            ("finished", run.Finished), ("now", now));
        if (saved && run.Finished)
            await ExecuteAsync($"DELETE FROM {S}.enforcement_runs WHERE finished AND updated_at < @before", cancellationToken,
                ("before", now - Retention.FinishedRuns));
        return saved;
    }

    public async Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"SELECT id FROM {S}.enforcement_runs WHERE NOT finished AND lease_until <= @now ORDER BY updated_at", ("now", time.GetUtcNow()));
        return await ReadStringsAsync(command, cancellationToken);
    }

    public Task RememberTaskAsync(Day day, QuantumTaskSummary task, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"""
            INSERT INTO {S}.day_tasks (day, arn, task) VALUES (@day, @arn, @task::jsonb)
            ON CONFLICT (day, arn) DO UPDATE SET task = EXCLUDED.task;
            DELETE FROM {S}.day_tasks WHERE day < @oldest;
            """, cancellationToken, ("day", day.ToString()), ("arn", task.QuantumTaskArn), ("task", JsonSerializer.Serialize(task)),
            ("oldest", day.AddDays(-Retention.RememberedTaskDays).ToString()));

    public async Task<IReadOnlyList<QuantumTaskSummary>> RememberedTasksAsync(Day day, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT task::text FROM {S}.day_tasks WHERE day = @day", ("day", day.ToString()));
        return (await ReadStringsAsync(command, cancellationToken)).Select(json => JsonSerializer.Deserialize<QuantumTaskSummary>(json)!).ToList();
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await database.EnsureReadyAsync();
        var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = await CommandAsync(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> ExistsAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = await CommandAsync(sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
