using System.Text.Json;
using BraketBot.Ports;
using Npgsql;
using NpgsqlTypes;

namespace BraketBot.Storage;

/// <summary>
/// The shared store for several instances: each operation is one statement or one transaction. Leases, claims and
/// guards are timed by the database's clock (<c>now()</c>), never a host's, so a host whose clock is off neither takes
/// over a live lease nor keeps one that lapsed; callers' expiries are taken as durations from their own now.
/// </summary>
public sealed class PostgresBotStore(PostgresDatabase database, TimeProvider time) : IBotStore
{
    private const string S = PostgresDatabase.Schema;
    private int claimsSincePurge;

    public bool OutlivesProcess => true;

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref claimsSincePurge) % 500 == 0)
            await ExecuteAsync($"DELETE FROM {S}.claims WHERE expires_at <= now()", cancellationToken);
        return await ExistsAsync(
            $"""
            INSERT INTO {S}.claims (key, expires_at) VALUES (@key, now() + @ttl)
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, holder = NULL WHERE {S}.claims.expires_at <= now()
            RETURNING 1
            """,
            cancellationToken,
            ("key", key),
            ("ttl", Ttl(expiresAt))
        );
    }

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? Task.CompletedTask
            : ExecuteAsync(
                $"DELETE FROM {S}.claims WHERE key = ANY(@keys) AND holder IS NOT DISTINCT FROM @holder",
                cancellationToken,
                ("keys", keys.ToArray()),
                ("holder", (object?)holder ?? DBNull.Value)
            );

    public async Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return new HashSet<string>();
        await using var command = await CommandAsync(
            $"SELECT key FROM {S}.claims WHERE key = ANY(@keys) AND expires_at > now()",
            ("keys", keys.ToArray())
        );
        return (await ReadStringsAsync(command, cancellationToken)).ToHashSet();
    }

    public Task SetValueAsync(string key, string value, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"INSERT INTO {S}.kv (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = "
                + $"now()",
            cancellationToken,
            ("key", key),
            ("value", value)
        );

    public async Task<string?> GetValueAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT value FROM {S}.kv WHERE key = @key", ("key", key));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<GuardOutcome> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        // One statement: a free (or expired) guard is taken; a live one is marked to go once more.
        await using var command = await CommandAsync(
            $"""
            INSERT INTO {S}.guards (key, owner, expires_at) VALUES (@key, @owner, now() + @lease)
            ON CONFLICT (key) DO UPDATE SET
                pending = {S}.guards.expires_at > now(),
                owner = CASE WHEN {S}.guards.expires_at > now() THEN {S}.guards.owner ELSE EXCLUDED.owner END,
                expires_at = CASE WHEN {S}.guards.expires_at > now() THEN {S}.guards.expires_at ELSE EXCLUDED.expires_at END
            RETURNING owner = @owner
            """,
            ("key", key),
            ("owner", owner),
            ("lease", lease)
        );
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))! ? GuardOutcome.Started : GuardOutcome.Queued;
    }

    public Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        ExistsAsync(
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
        ExistsAsync(
            $"UPDATE {S}.guards SET expires_at = now() + @lease WHERE key = @key AND owner = @owner RETURNING 1",
            cancellationToken,
            ("key", key),
            ("owner", owner),
            ("lease", lease)
        );

    public async Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        // One statement: a pending request keeps the guard for another turn, else the guard goes.
        await using var command = await CommandAsync(
            $"""
            WITH mine AS (SELECT key, pending FROM {S}.guards WHERE key = @key AND owner = @owner FOR UPDATE),
                 again AS (UPDATE {S}.guards g SET pending = false, expires_at = now() + @lease FROM mine
                           WHERE g.key = mine.key AND mine.pending RETURNING 1),
                 gone AS (DELETE FROM {S}.guards g USING mine WHERE g.key = mine.key AND NOT mine.pending RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM again)
            """,
            ("key", key),
            ("owner", owner),
            ("lease", lease)
        );
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {S}.guards WHERE key = @key AND owner = @owner", cancellationToken, ("key", key), ("owner", owner));

    public async Task<bool> TryCreateRunAsync(
        EnforcementRun run,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        string owner,
        TimeSpan lease,
        CancellationToken cancellationToken
    )
    {
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
            claim.Parameters.AddWithValue("ttls", ordered.Select(c => Ttl(c.Value)).ToArray());
            claim.Parameters.AddWithValue("holder", run.Id);
            var taken = 0;
            await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    taken++;
            if (taken != claims.Count)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
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

    public async Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"""
            UPDATE {S}.enforcement_runs SET owner = @owner, lease_until = now() + @lease
            WHERE id = @id AND NOT finished AND (lease_until <= now() OR owner = @owner)
            RETURNING run::text
            """,
            ("id", runId),
            ("owner", owner),
            ("lease", lease)
        );
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? RunJson.Deserialize(json) : null;
    }

    public async Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var saved = await ExistsAsync(
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
            await ExecuteAsync(
                $"DELETE FROM {S}.enforcement_runs WHERE finished AND updated_at < now() - @keep",
                cancellationToken,
                ("keep", Retention.FinishedRuns)
            );
        return saved;
    }

    public async Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"SELECT id FROM {S}.enforcement_runs WHERE NOT finished AND lease_until <= now() ORDER BY updated_at"
        );
        return await ReadStringsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<LedgerChange>> RecordAsync(IReadOnlyList<LedgerTask> observed, CancellationToken cancellationToken)
    {
        var oldest = Retention.OldestTaskDay(time.GetUtcNow());
        var taken = observed.Where(t => t.Day >= oldest).ToList();
        if (taken.Count == 0)
            return [];
        return await InLedgerTransactionAsync(
            async (connection, transaction) =>
            {
                var arns = taken.Select(t => t.Task.QuantumTaskArn).Distinct().ToArray();
                var current = (
                    await ReadLedgerTasksAsync(connection, transaction, "arn = ANY(@arns)", cancellationToken, ("arns", arns))
                ).ToDictionary(t => t.Task.QuantumTaskArn, StringComparer.Ordinal);
                var changes = Ledger.MergeAll(current, taken);
                await WriteAsync(connection, transaction, changes, cancellationToken);
                return changes;
            },
            cancellationToken
        );
    }

    public async Task<IReadOnlyList<LedgerChange>> ForgetAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken)
    {
        if (arns.Count == 0)
            return [];
        return await InLedgerTransactionAsync(
            async (connection, transaction) =>
            {
                var gone = await ReadLedgerTasksAsync(
                    connection,
                    transaction,
                    "arn = ANY(@arns)",
                    cancellationToken,
                    ("arns", arns.Distinct().ToArray())
                );
                var changes = gone.Select(t => new LedgerChange(t, null)).ToList();
                await WriteAsync(connection, transaction, changes, cancellationToken);
                return changes;
            },
            cancellationToken
        );
    }

    public async Task<IReadOnlyList<LedgerTask>> LedgerTasksAsync(
        Day day,
        IReadOnlyCollection<QuantumTaskStatus>? statuses,
        CancellationToken cancellationToken
    )
    {
        await database.EnsureReadyAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return statuses is null
            ? await ReadLedgerTasksAsync(connection, null, "day = @day", cancellationToken, ("day", day.Date))
            : await ReadLedgerTasksAsync(
                connection,
                null,
                "day = @day AND status = ANY(@statuses)",
                cancellationToken,
                ("day", day.Date),
                ("statuses", statuses.Select(s => s.ToWire()).ToArray())
            );
    }

    public async Task<IReadOnlyList<LedgerTask>> UnconfirmedTasksAsync(Day first, Day last, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await ReadLedgerTasksAsync(
            connection,
            null,
            "day BETWEEN @from AND @to AND NOT confirmed",
            cancellationToken,
            ("from", first.Date),
            ("to", last.Date)
        );
    }

    public async Task<IReadOnlyList<DayTally>> DayTotalsAsync(Day first, Day last, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"SELECT day, device_arn, status, tasks, shots, billing FROM {S}.ledger_days WHERE day BETWEEN @from AND @to AND tasks <> 0",
            ("from", first.Date),
            ("to", last.Date)
        );
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var totals = new List<DayTally>();
        while (await reader.ReadAsync(cancellationToken))
            totals.Add(
                new DayTally(
                    new Day(reader.GetFieldValue<DateOnly>(0)),
                    reader.GetString(1),
                    QuantumTaskStatuses.Parse(reader.GetString(2)),
                    new StatusTally(reader.GetInt32(3), reader.GetInt64(4)),
                    Enum.Parse<TaskBilling>(reader.GetString(5))
                )
            );
        return totals;
    }

    public async Task MarkScannedAsync(IReadOnlyList<Day> days, string scope, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await InLedgerTransactionAsync(
            async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    INSERT INTO {S}.ledger_scans (day, scope, scanned_at) SELECT unnest(@days), @scope, @at
                    ON CONFLICT (day, scope) DO UPDATE SET scanned_at = greatest({S}.ledger_scans.scanned_at, EXCLUDED.scanned_at);
                    DELETE FROM {S}.ledger_tasks WHERE day < @oldestTask;
                    DELETE FROM {S}.ledger_days WHERE day < @oldestTotal;
                    DELETE FROM {S}.ledger_scans WHERE day < @oldestTotal;
                    """,
                    connection,
                    transaction
                );
                command.Parameters.AddWithValue("days", days.Select(d => d.Date).ToArray());
                command.Parameters.AddWithValue("scope", scope);
                command.Parameters.AddWithValue("at", at.ToUniversalTime());
                command.Parameters.AddWithValue("oldestTask", Retention.OldestTaskDay(now).Date);
                command.Parameters.AddWithValue("oldestTotal", Retention.OldestTotalDay(now).Date);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return 0;
            },
            cancellationToken
        );
    }

    public async Task<IReadOnlyDictionary<Day, DateTimeOffset>> ScannedAsync(
        Day first,
        Day last,
        string scope,
        CancellationToken cancellationToken
    )
    {
        await using var command = await CommandAsync(
            $"SELECT day, max(scanned_at) FROM {S}.ledger_scans WHERE day BETWEEN @from AND @to AND scope = ANY(@scopes) GROUP BY day",
            ("from", first.Date),
            ("to", last.Date),
            ("scopes", new[] { scope, Retention.EveryDevice })
        );
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var scanned = new Dictionary<Day, DateTimeOffset>();
        while (await reader.ReadAsync(cancellationToken))
            scanned[new Day(reader.GetFieldValue<DateOnly>(0))] = reader.GetFieldValue<DateTimeOffset>(1);
        return scanned;
    }

    /// <summary>
    /// A transaction over the ledger, one at a time across instances (an advisory lock): rows are read,
    /// merged in code by the domain's rule and written back, so no two writers merge from the same rows.
    /// </summary>
    private async Task<T> InLedgerTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work,
        CancellationToken cancellationToken
    )
    {
        await database.EnsureReadyAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (
            var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('braketbot-ledger'))", connection, transaction)
        )
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<IReadOnlyList<LedgerTask>> ReadLedgerTasksAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string where,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters
    )
    {
        await using var command = new NpgsqlCommand(
            "SELECT arn, status, device_arn, shots, created_at, day, observed_at, confirmed, origin_known, reservation_arn, job_arn, "
                + "tags "
                + $"FROM {S}.ledger_tasks "
                + $"WHERE {where}",
            connection,
            transaction
        );
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tasks = new List<LedgerTask>();
        while (await reader.ReadAsync(cancellationToken))
            tasks.Add(
                new LedgerTask(
                    new QuantumTaskSummary(
                        reader.GetString(0),
                        QuantumTaskStatuses.Parse(reader.GetString(1)),
                        reader.GetString(2),
                        reader.GetInt64(3),
                        reader.GetFieldValue<DateTimeOffset>(4),
                        Origin: reader.GetBoolean(8)
                            ? new TaskOrigin(
                                reader.IsDBNull(9) ? null : reader.GetString(9),
                                reader.IsDBNull(10) ? null : reader.GetString(10)
                            )
                            : null,
                        Tags: reader.IsDBNull(11) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11))
                    ),
                    new Day(reader.GetFieldValue<DateOnly>(5)),
                    reader.GetFieldValue<DateTimeOffset>(6)
                )
                {
                    Confirmed = reader.GetBoolean(7),
                }
            );
        return tasks;
    }

    /// <summary>Writes merged changes: the rows that are now (or are no more), and the totals moved by their deltas.</summary>
    private static async Task WriteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyList<LedgerChange> changes,
        CancellationToken cancellationToken
    )
    {
        if (changes.Count == 0)
            return;
        var rows = changes.Select(c => c.After).OfType<LedgerTask>().ToList();
        var gone = changes.Where(c => c.After is null).Select(c => c.Before!.Task.QuantumTaskArn).ToArray();
        var deltas = Ledger.TotalDeltas(changes);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {S}.ledger_tasks
                (arn, status, device_arn, shots, created_at, day, observed_at, confirmed, origin_known, reservation_arn, job_arn, tags)
            SELECT * FROM unnest(
                @arns, @statuses, @devices, @shots, @created, @days, @observed, @confirmed, @originKnown, @reservations, @jobs, @tags)
            ON CONFLICT (arn) DO UPDATE SET status = EXCLUDED.status, observed_at = EXCLUDED.observed_at, confirmed = EXCLUDED.confirmed,
                origin_known = EXCLUDED.origin_known, reservation_arn = EXCLUDED.reservation_arn, job_arn = EXCLUDED.job_arn,
                tags = EXCLUDED.tags;
            DELETE FROM {S}.ledger_tasks WHERE arn = ANY(@gone);
            INSERT INTO {S}.ledger_days (day, device_arn, status, tasks, shots, billing)
            SELECT * FROM unnest(@totalDays, @totalDevices, @totalStatuses, @totalTasks, @totalShots, @totalBillings)
            ON CONFLICT (day, device_arn, status, billing) DO UPDATE SET
                tasks = {S}.ledger_days.tasks + EXCLUDED.tasks, shots = {S}.ledger_days.shots + EXCLUDED.shots;
            """,
            connection,
            transaction
        );
        command.Parameters.AddWithValue("arns", rows.Select(r => r.Task.QuantumTaskArn).ToArray());
        command.Parameters.AddWithValue("statuses", rows.Select(r => r.Task.Status.ToWire()).ToArray());
        command.Parameters.AddWithValue("devices", rows.Select(r => r.Task.DeviceArn).ToArray());
        command.Parameters.AddWithValue("shots", rows.Select(r => r.Task.Shots).ToArray());
        command.Parameters.AddWithValue("created", rows.Select(r => r.Task.CreatedAt.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("days", rows.Select(r => r.Day.Date).ToArray());
        command.Parameters.AddWithValue("observed", rows.Select(r => r.At.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("confirmed", rows.Select(r => r.Confirmed).ToArray());
        command.Parameters.AddWithValue("originKnown", rows.Select(r => r.Task.Origin is not null).ToArray());
        command.Parameters.Add(new NpgsqlParameter<string?[]>("reservations", rows.Select(r => r.Task.Origin?.ReservationArn).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("jobs", rows.Select(r => r.Task.Origin?.JobArn).ToArray()));
        var tags = rows.Select(r => r.Task.Tags is { } known ? JsonSerializer.Serialize(known) : null).ToArray();
        command.Parameters.Add(new NpgsqlParameter<string?[]>("tags", tags) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.AddWithValue("gone", gone);
        command.Parameters.AddWithValue("totalDays", deltas.Select(d => d.Day.Date).ToArray());
        command.Parameters.AddWithValue("totalDevices", deltas.Select(d => d.DeviceArn).ToArray());
        command.Parameters.AddWithValue("totalStatuses", deltas.Select(d => d.Status.ToWire()).ToArray());
        command.Parameters.AddWithValue("totalTasks", deltas.Select(d => d.Tally.Tasks).ToArray());
        command.Parameters.AddWithValue("totalShots", deltas.Select(d => d.Tally.Shots).ToArray());
        command.Parameters.AddWithValue("totalBillings", deltas.Select(d => d.Billing.ToString()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// How long from now a caller's expiry lies, by the caller's clock: the database adds it to its own now(), so that
    /// hosts whose clocks disagree still agree on who holds what.
    /// </summary>
    private TimeSpan Ttl(DateTimeOffset expiresAt) => expiresAt - time.GetUtcNow();

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            values.Add(reader.GetString(0));
        return values;
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await database.EnsureReadyAsync();
        var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
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
