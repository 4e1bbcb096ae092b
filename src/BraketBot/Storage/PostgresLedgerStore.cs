using System.Text.Json;
using BraketBot.Hosting;
using BraketBot.Ports;
using Npgsql;
using NpgsqlTypes;

namespace BraketBot.Storage;

/// <summary>
/// The usage ledger in PostgreSQL: task rows, daily totals and scans. Writers merge in code by the domain's rule, one
/// at a time across instances.
/// </summary>
[HotPath]
public sealed class PostgresLedgerStore(PostgresCommands database, TimeProvider time) : ILedgerStore
{
    private const string S = PostgresDatabase.Schema;

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
        await using var connection = await database.OpenAsync(cancellationToken);
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
        await using var connection = await database.OpenAsync(cancellationToken);
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
        await using var command = await database.CommandAsync(
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
        await using var command = await database.CommandAsync(
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
        await using var connection = await database.OpenAsync(cancellationToken);
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
}
