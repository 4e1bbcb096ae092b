using System.Text.Json;
using BraketBot.Braket;
using Npgsql;

namespace BraketBot.Storage;

/// <summary>The shared store for several instances: each operation is one statement or one row-locked transaction.</summary>
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
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE {S}.claims.expires_at <= @now
            RETURNING 1
            """, cancellationToken, ("key", key), ("expires", expiresAt), ("now", now));
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

    public Task<bool> TryAcquireLeaseAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ExistsAsync(
            $"""
            INSERT INTO {S}.runs (key, expires_at) VALUES (@key, @expires)
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, pending = false WHERE {S}.runs.expires_at <= @now
            RETURNING 1
            """, cancellationToken, ("key", key), ("expires", now + lease), ("now", now));
    }

    public Task ReleaseLeaseAsync(string key, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {S}.runs WHERE key = @key", cancellationToken, ("key", key));

    public async Task<RunStart> BeginRunAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One statement: a free (or expired) run is taken; a live one is marked to run once more.
        await using var command = await CommandAsync(
            $"""
            INSERT INTO {S}.runs (key, expires_at) VALUES (@key, @expires)
            ON CONFLICT (key) DO UPDATE SET
                pending = {S}.runs.expires_at > @now,
                expires_at = CASE WHEN {S}.runs.expires_at > @now THEN {S}.runs.expires_at ELSE EXCLUDED.expires_at END
            RETURNING pending
            """, ("key", key), ("expires", now + lease), ("now", now));
        var pending = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        return pending ? RunStart.Queued : RunStart.Started;
    }

    public async Task<bool> EndRunAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"SELECT pending FROM {S}.runs WHERE key = @key FOR UPDATE", connection, transaction);
        select.Parameters.AddWithValue("key", key);
        var pending = await select.ExecuteScalarAsync(cancellationToken) is true;
        await using var next = new NpgsqlCommand(
            pending
                ? $"UPDATE {S}.runs SET pending = false, expires_at = @expires WHERE key = @key"
                : $"DELETE FROM {S}.runs WHERE key = @key",
            connection, transaction);
        next.Parameters.AddWithValue("key", key);
        next.Parameters.AddWithValue("expires", time.GetUtcNow() + lease);
        await next.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    public async Task RememberTaskAsync(string day, QuantumTaskSummary task, CancellationToken cancellationToken)
    {
        var oldest = DateOnly.Parse(day).AddDays(-2).ToString("yyyy-MM-dd");
        await ExecuteAsync(
            $"""
            INSERT INTO {S}.day_tasks (day, arn, task) VALUES (@day, @arn, @task::jsonb)
            ON CONFLICT (day, arn) DO UPDATE SET task = EXCLUDED.task;
            DELETE FROM {S}.day_tasks WHERE day < @oldest;
            """, cancellationToken, ("day", day), ("arn", task.QuantumTaskArn), ("task", JsonSerializer.Serialize(task)), ("oldest", oldest));
    }

    public async Task<IReadOnlyList<QuantumTaskSummary>> RememberedTasksAsync(string day, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT task::text FROM {S}.day_tasks WHERE day = @day", ("day", day));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tasks = new List<QuantumTaskSummary>();
        while (await reader.ReadAsync(cancellationToken))
            tasks.Add(JsonSerializer.Deserialize<QuantumTaskSummary>(reader.GetString(0))!);
        return tasks;
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
